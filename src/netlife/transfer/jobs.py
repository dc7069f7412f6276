"""Confirmed imports run beside the page, which shows their progress.

`start_import` records an `ImportJob` in Django's cache under the network
and the upload's token, then imports in a background thread (or right away
when the NETLIFE_IMPORT_IN_BACKGROUND setting is false, as in tests). The
thread tells the job how far it got through the same `advance` callback
the CLI's progress bar uses; the page polls `get_job`. The thread closes its
database connections when it ends, and any error becomes the job's one
sentence: a NetlifeError's own, or a plain one (with the traceback logged)
for anything unexpected. Imports are atomic, so a failed job wrote nothing.
"""

import logging
import threading
import time
from dataclasses import dataclass, replace
from typing import Final

from django.conf import settings
from django.core.cache import cache
from django.db import connections

from netlife.core.errors import NetlifeError
from netlife.networks.models import Network
from netlife.transfer.previews import ImportSummary, load_file, run_import
from netlife.transfer.uploads import Upload, delete_upload

RUNNING: Final = "running"
DONE: Final = "done"
FAILED: Final = "failed"

KEEP_FOR = 24 * 60 * 60  # seconds the result stays viewable
# A job still "running" this long after its last sign of life died with its
# process (a restart); the import was atomic, so nothing was written.
GIVE_UP_AFTER = 30 * 60
UNEXPECTED = (
    "The import stopped because of an unexpected error, and nothing was "
    "written. The details are in netlife's log; try again, and if it happens "
    "again, import the file with the command line to see more."
)
ABANDONED = (
    "The import stopped before it finished (netlife was probably restarted), "
    "and nothing was written. Upload the file again to import it."
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ImportJob:
    """A confirmed import: how far it got, then its result or its error."""

    token: str
    name: str
    kind: str
    status: str = RUNNING
    done: int = 0
    total: int = 0
    summary: ImportSummary | None = None
    error: str = ""
    touched_at: float = 0.0  # the last sign of life, seconds since the epoch

    @property
    def finished(self) -> bool:
        return self.status != RUNNING

    @property
    def percent(self) -> int:
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    @property
    def saving(self) -> bool:
        """Every record is planned; the import is writing them."""
        return self.status == RUNNING and self.total > 0 and self.done >= self.total


def _key(network_id: int, token: str) -> str:
    return f"netlife:import-job:{network_id}:{token}"


def _save(network_id: int, job: ImportJob) -> None:
    cache.set(
        _key(network_id, job.token), replace(job, touched_at=time.time()), KEEP_FOR
    )


def get_job(network: Network, token: str) -> ImportJob | None:
    """The network's import job for this upload token, if one was started."""
    job = cache.get(_key(network.pk, token))
    if not isinstance(job, ImportJob):
        return None
    if job.status == RUNNING and job.touched_at < time.time() - GIVE_UP_AFTER:
        return replace(job, status=FAILED, error=ABANDONED)
    return job


def in_background() -> bool:
    """Whether confirmed imports run in a thread (the default) or inline."""
    return bool(getattr(settings, "NETLIFE_IMPORT_IN_BACKGROUND", True))


def start_import(network: Network, upload: Upload, *, skip_bad: bool) -> ImportJob:
    """Start importing an upload, once: a second call returns the first job.

    A job that failed may be started again (its upload is kept for that).
    Returns the job as it stands when this call returns: finished when the
    import ran inline, running otherwise.
    """
    existing = get_job(network, upload.token)
    if existing is not None and existing.status == FAILED:
        cache.delete(_key(network.pk, upload.token))
    job = ImportJob(
        token=upload.token, name=upload.name, kind=upload.kind, touched_at=time.time()
    )
    if not cache.add(_key(network.pk, upload.token), job, KEEP_FOR):
        return get_job(network, upload.token) or job  # a double click
    if in_background():
        thread = threading.Thread(
            target=_run,
            args=(network.pk, upload, job),
            kwargs={"skip_bad": skip_bad, "background": True},
            name=f"netlife-import-{upload.token[:8]}",
            daemon=True,
        )
        thread.start()
    else:
        _run(network.pk, upload, job, skip_bad=skip_bad, background=False)
    return get_job(network, upload.token) or job


class _Progress:
    """The `advance` callback: counts records and publishes the job."""

    def __init__(self, network_id: int, job: ImportJob) -> None:
        self.network_id = network_id
        self.job = job

    def publish(self, **changes: object) -> None:
        self.job = replace(self.job, **changes)  # type: ignore[arg-type]  # fields by name
        _save(self.network_id, self.job)

    def advance(self, count: int) -> None:
        if count:
            self.publish(done=min(self.job.total, self.job.done + count))


def _run(
    network_id: int,
    upload: Upload,
    job: ImportJob,
    *,
    skip_bad: bool,
    background: bool,
) -> None:
    progress = _Progress(network_id, job)
    try:
        network = Network.objects.get(pk=network_id)
        loaded = load_file(upload)
        progress.publish(total=loaded.total)
        summary = run_import(
            network, loaded, skip_bad=skip_bad, advance=progress.advance
        )
    except NetlifeError as exc:
        progress.publish(status=FAILED, error=str(exc))
    except Exception:
        logger.exception("The import of upload %s failed", upload.token)
        progress.publish(status=FAILED, error=UNEXPECTED)
    else:
        progress.publish(status=DONE, done=progress.job.total, summary=summary)
        delete_upload(upload.token)
    finally:
        if background:
            # The thread's own connections: the server's threads keep theirs.
            connections.close_all()
