"""Forms of the Import pages: the upload, the go-ahead and duplicate decisions."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from netlife.transfer.previews import KIND_LABELS, detect_kind

AUTO = "auto"
KIND_CHOICES = [(AUTO, "Work it out from the file"), *KIND_LABELS.items()]
_DEFAULT_LIMIT = 20 * 1024 * 1024
_SNIFF = 64 * 1024


def upload_limit() -> int:
    """The largest file the page takes, in bytes (NETLIFE_MAX_UPLOAD_BYTES)."""
    configured = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return configured if configured else _DEFAULT_LIMIT


def megabytes(size: int) -> str:
    """A file size as people say it: "20 MB", "340 KB", "188 bytes"."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB"
    if size >= 1024:
        return f"{size // 1024} KB"
    return f"{size} byte{'' if size == 1 else 's'}"


class UploadForm(forms.Form):
    file = forms.FileField(
        label="File",
        error_messages={
            "required": "Choose a file to import.",
            "empty": "The file is empty.",
            "invalid": "That is not a file netlife can read.",
        },
    )
    kind = forms.ChoiceField(label="Kind of file", choices=KIND_CHOICES, initial=AUTO)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload: UploadedFile | None = cleaned.get("file")
        if upload is None:
            return cleaned
        limit = upload_limit()
        if upload.size is not None and upload.size > limit:
            self.add_error(
                "file",
                f"The file is {megabytes(upload.size)}; netlife takes files of up "
                f"to {megabytes(limit)}. Export fewer contacts at a time, or use "
                "`netlife import` on the command line.",
            )
            return cleaned
        if cleaned.get("kind") == AUTO:
            head = upload.read(_SNIFF)
            upload.seek(0)
            found = detect_kind(head, upload.name or "")
            if found is None:
                self.add_error(
                    "file",
                    "netlife could not tell what kind of file this is: choose its "
                    "kind below, or check that it is one of the files listed.",
                )
            else:
                cleaned["kind"] = found
        return cleaned


class ConfirmForm(forms.Form):
    skip_bad = forms.BooleanField(required=False)


class DuplicateForm(forms.Form):
    KEEP_A = "keep-a"
    KEEP_B = "keep-b"
    NOT_SAME = "not-same"

    a = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    b = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    decision = forms.ChoiceField(
        choices=[
            (KEEP_A, "Merge, keeping the left"),
            (KEEP_B, "Merge, keeping the right"),
            (NOT_SAME, "Not the same person"),
        ]
    )
    page = forms.IntegerField(min_value=1, required=False)
