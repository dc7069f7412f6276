"""The Import pages: upload and preview, the import's progress, duplicates."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netlife.core.errors import NetlifeError, NotFound
from netlife.core.http import NetworkRequest, wants_fragment
from netlife.people import merging
from netlife.people.queries import get_person
from netlife.transfer import jobs, previews, uploads
from netlife.transfer.duplicates import duplicate_page
from netlife.transfer.forms import (
    ConfirmForm,
    DuplicateForm,
    UploadForm,
    megabytes,
    upload_limit,
)


def _upload_or_404(request: NetworkRequest, token: str) -> uploads.Upload:
    try:
        return uploads.get_upload(request.network, token)
    except NotFound:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
def import_start(request: NetworkRequest) -> HttpResponse:
    network = request.network
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            file = form.cleaned_data["file"]
            try:
                upload = uploads.save_upload(
                    network,
                    file.chunks(),
                    kind=form.cleaned_data["kind"],
                    name=file.name or "",
                )
            except NetlifeError as exc:
                form.add_error("file", str(exc))
            else:
                try:
                    previews.preview_upload(network, upload)
                except NetlifeError as exc:
                    uploads.delete_upload(upload.token)
                    form.add_error("file", str(exc))
                else:
                    return redirect("transfer:import_preview", token=upload.token)
        status = 400
    else:
        form = UploadForm()
        status = 200
    context = {
        "nav": "import",
        "form": form,
        "limit": megabytes(upload_limit()),
        "open_duplicates": merging.count_open_suggestions(network),
    }
    return render(request, "transfer/import_start.html", context, status=status)


@require_GET
def import_preview(request: NetworkRequest, token: str) -> HttpResponse:
    if jobs.get_job(request.network, token) is not None:
        return redirect("transfer:import_progress", token=token)
    upload = _upload_or_404(request, token)
    try:
        summary = previews.cached_preview(request.network, upload)
    except NetlifeError as exc:
        uploads.delete_upload(token)
        messages.error(request, str(exc))
        return redirect("transfer:import_start")
    context = {
        "nav": "import",
        "upload": upload,
        "summary": summary,
        "size": megabytes(upload.size),
    }
    return render(request, "transfer/import_preview.html", context)


@require_POST
def import_confirm(request: NetworkRequest, token: str) -> HttpResponseRedirect:
    job = jobs.get_job(request.network, token)
    if job is None or job.status == jobs.FAILED:
        upload = _upload_or_404(request, token)
        form = ConfirmForm(request.POST)
        skip_bad = form.is_valid() and form.cleaned_data["skip_bad"]
        previews.forget_preview(request.network, token)
        jobs.start_import(request.network, upload, skip_bad=skip_bad)
    return redirect("transfer:import_progress", token=token)


@require_POST
def import_cancel(request: NetworkRequest, token: str) -> HttpResponseRedirect:
    upload = _upload_or_404(request, token)
    if jobs.get_job(request.network, token) is not None:
        return redirect("transfer:import_progress", token=token)
    uploads.delete_upload(upload.token)
    previews.forget_preview(request.network, token)
    messages.info(request, f"Nothing was imported from {upload.name}.")
    return redirect("transfer:import_start")


@require_GET
def import_progress(request: NetworkRequest, token: str) -> HttpResponse:
    job = jobs.get_job(request.network, token)
    if job is None:
        _upload_or_404(request, token)
        return redirect("transfer:import_preview", token=token)
    retry = job.status == jobs.FAILED and _upload_exists(request, token)
    context: dict[str, Any] = {
        "nav": "import",
        "job": job,
        "summary": job.summary,
        "retry": retry,
        "poll_url": reverse("transfer:import_progress", kwargs={"token": token}),
        "open_duplicates": (
            merging.count_open_suggestions(request.network) if job.finished else 0
        ),
    }
    if wants_fragment(request):
        response = render(request, "transfer/_progress.html", context)
    else:
        response = render(request, "transfer/import_progress.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _upload_exists(request: NetworkRequest, token: str) -> bool:
    try:
        uploads.get_upload(request.network, token)
    except NotFound:
        return False
    return True


def _duplicates_context(
    request: NetworkRequest, page_number: int | str | None, status: str = ""
) -> dict[str, Any]:
    found = duplicate_page(request.network, page_number)

    def page_url(number: int) -> str | None:
        if not 1 <= number <= found.num_pages:
            return None
        return f"{reverse('transfer:duplicates')}?page={number}"

    return {
        "nav": "import",
        "pairs": found.pairs,
        "page": found,
        "total": found.total,
        "status": status,
        "previous_url": page_url(found.number - 1),
        "next_url": page_url(found.number + 1),
    }


@require_GET
def duplicates(request: NetworkRequest) -> HttpResponse:
    context = _duplicates_context(request, request.GET.get("page", 1))
    if wants_fragment(request):
        response = render(request, "transfer/_duplicates.html", context)
    else:
        response = render(request, "transfer/duplicates.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_POST
def resolve_duplicate(request: NetworkRequest) -> HttpResponse:
    form = DuplicateForm(request.POST)
    if not form.is_valid():
        return HttpResponse(
            "That decision could not be read; reload the page and try again.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    data = form.cleaned_data
    try:
        a = get_person(request.network, data["a"])
        b = get_person(request.network, data["b"])
    except NotFound:
        raise Http404 from None
    decision = data["decision"]
    error = False
    try:
        if decision == DuplicateForm.NOT_SAME:
            merging.dismiss_suggestion(request.network, a, b)
            status = (
                f"Noted: {a.full_name} and {b.full_name} are two people; "
                "imports will not suggest them again."
            )
        else:
            keep, other = (a, b) if decision == DuplicateForm.KEEP_A else (b, a)
            folded = other.full_name
            merging.merge_people(request.network, keep, other)
            status = f"Merged {folded} into {keep.full_name}."
    except NetlifeError as exc:
        status, error = str(exc), True
    page = data.get("page") or 1
    if wants_fragment(request):
        context = _duplicates_context(request, page, status)
        context["status_error"] = error
        return render(request, "transfer/_duplicates.html", context)
    (messages.error if error else messages.success)(request, status)
    url = reverse("transfer:duplicates")
    return redirect(f"{url}?page={page}" if page != 1 else url)
