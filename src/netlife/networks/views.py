"""The Settings page: goal, time zone, tiers, feed addresses and downloads.

Each section is a fragment of its own (`networks/_<section>.html`): a form
posted by htmx gets its section back, a plain POST is redirected to the
page (Post/Redirect/Get). The one exception is a new feed address: its
secret is never stored (only its hash is, decision 0008), so the answer to
the POST that made it is the only place it can be shown.
"""

import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netlife.core import clock
from netlife.core.errors import NetlifeError, NotFound
from netlife.core.http import MAX_DB_ID, NetworkRequest, wants_fragment
from netlife.feeds import queries as feed_queries
from netlife.feeds import services as feed_services
from netlife.feeds.models import FeedToken
from netlife.goals import queries as goal_queries
from netlife.goals import services as goal_services
from netlife.networks import queries, services
from netlife.networks.models import Network
from netlife.transfer import exports
from netlife.transfer.queries import write_network_json

AWARE_SHOWN = 10  # names listed under the goal before "show more"
AWARE_STEP = 50
AWARE_MAX = 2000


class GoalForm(forms.Form):
    text = forms.CharField(
        max_length=500,
        strip=True,
        error_messages={
            "required": "A goal needs some words, e.g. 'a product role in climate "
            "tech'.",
            "max_length": "Keep the goal under %(limit_value)d characters.",
        },
    )


class TimeZoneForm(forms.Form):
    timezone = forms.CharField(
        max_length=64,
        strip=True,
        error_messages={
            "required": "Choose a time zone, e.g. Europe/Paris or UTC.",
            "max_length": "That is not a time zone: names are at most 64 characters.",
        },
    )


class FeedForm(forms.Form):
    kind = forms.ChoiceField(
        choices=FeedToken.Kind.choices,
        error_messages={
            "required": "Choose a calendar (ics) or feed reader (Atom) address.",
            "invalid_choice": "Choose a calendar (ics) or feed reader (Atom) address.",
        },
    )


# Sections ------------------------------------------------------------------


def _aware_limit(request: HttpRequest) -> int:
    try:
        wanted = int(request.GET.get("aware", AWARE_SHOWN))
    except ValueError:
        return AWARE_SHOWN
    return min(max(wanted, AWARE_SHOWN), AWARE_MAX)


def _goal_context(
    network: Network,
    *,
    form: GoalForm | None = None,
    aware_limit: int = AWARE_SHOWN,
    notice: str = "",
    notice_kind: str = "success",
) -> dict[str, Any]:
    summary = goal_queries.goal_summary(network, limit=aware_limit)
    shown = len(summary.latest_aware)
    more = summary.aware_count - shown
    return {
        "goal": summary,
        "goal_form": form or GoalForm(),
        "goal_notice": notice,
        "goal_notice_kind": notice_kind,
        "aware_more": more if shown < AWARE_MAX else 0,
        "aware_more_url": f"{reverse('networks:network_settings')}"
        f"?aware={min(shown + AWARE_STEP, AWARE_MAX)}#goal",
    }


def _timezone_context(
    network: Network, *, form: TimeZoneForm | None = None, notice: str = ""
) -> dict[str, Any]:
    return {
        "timezone": network.timezone,
        "timezone_form": form or TimeZoneForm(initial={"timezone": network.timezone}),
        "timezone_names": queries.time_zone_names(),
        "timezone_notice": notice,
    }


def _tiers_context(network: Network) -> dict[str, Any]:
    tiers = queries.tier_counts(network)
    people_url = reverse("people:person_list")
    return {
        "tiers": [
            {"count": tier, "url": f"{people_url}?tier={tier.tier}"} for tier in tiers
        ],
        "tier_total": sum(tier.total for tier in tiers),
    }


@dataclass(frozen=True, slots=True)
class NewFeed:
    id: int
    kind: str
    label: str
    url: str
    webcal: str  # the same address for calendar apps; "" for Atom


def _feed_url(request: HttpRequest, token: FeedToken, secret: str) -> NewFeed:
    name = "feeds:calendar" if token.kind == FeedToken.Kind.CALENDAR else "feeds:atom"
    url = request.build_absolute_uri(reverse(name, args=[secret]))
    webcal = ""
    if token.kind == FeedToken.Kind.CALENDAR and url.startswith("http"):
        webcal = "webcal" + url.removeprefix("https").removeprefix("http")
    return NewFeed(token.pk, token.kind, token.get_kind_display(), url, webcal)


def _feeds_context(
    network: Network,
    *,
    form: FeedForm | None = None,
    new_feed: NewFeed | None = None,
    notice: str = "",
) -> dict[str, Any]:
    tokens = feed_services.feeds(network)
    return {
        "feeds": tokens,
        "live_feeds": sum(1 for t in tokens if t.revoked_at is None),
        "feed_form": form or FeedForm(),
        "new_feed": new_feed,
        "feed_notice": notice,
    }


@dataclass(frozen=True, slots=True)
class Download:
    slug: str
    label: str
    what: str
    prefix: str  # the file name is netlife-<prefix><date>.<extension>
    extension: str
    content_type: str
    make: Callable[[HttpRequest, Network], bytes]


def _vcard(request: HttpRequest, network: Network) -> bytes:
    return exports.export_vcard(network).data


def _google_csv(request: HttpRequest, network: Network) -> bytes:
    return exports.export_csv(network).data


def _outlook_csv(request: HttpRequest, network: Network) -> bytes:
    return exports.export_csv(network, outlook=True).data


def _calendar(request: HttpRequest, network: Network) -> bytes:
    return feed_queries.calendar(network, base_url=request.build_absolute_uri("/"))


def _atom(request: HttpRequest, network: Network) -> bytes:
    return feed_queries.atom(network, base_url=request.build_absolute_uri("/"))


_DOWNLOADS = (
    Download(
        slug="vcard",
        label="vCard",
        what="Everyone, for any address book (Apple, Google, Android, Nextcloud).",
        prefix="",
        extension="vcf",
        content_type="text/vcard; charset=utf-8",
        make=_vcard,
    ),
    Download(
        slug="google-csv",
        label="Google CSV",
        what="Everyone, in Google Contacts' layout.",
        prefix="google-",
        extension="csv",
        content_type="text/csv; charset=utf-8",
        make=_google_csv,
    ),
    Download(
        slug="outlook-csv",
        label="Outlook CSV",
        what="Everyone, in Outlook's layout (three emails and one phone of each "
        "kind at most: vCard keeps them all).",
        prefix="outlook-",
        extension="csv",
        content_type="text/csv; charset=utf-8",
        make=_outlook_csv,
    ),
    Download(
        slug="ics",
        label="iCalendar",
        what="Today's agenda, the next 60 days' keep-in-touch dates, follow-ups "
        "and birthdays, as one file.",
        prefix="",
        extension="ics",
        content_type="text/calendar; charset=utf-8",
        make=_calendar,
    ),
    Download(
        slug="atom",
        label="Atom",
        what="Today's agenda for a feed reader.",
        prefix="",
        extension="atom",
        content_type="application/atom+xml; charset=utf-8",
        make=_atom,
    ),
)
DOWNLOADS = {d.slug: d for d in _DOWNLOADS}
BACKUP_CONTENT_TYPE = "application/json"


def _page_context(request: NetworkRequest) -> dict[str, Any]:
    network = request.network
    return {
        "nav": "settings",
        **_goal_context(network, aware_limit=_aware_limit(request)),
        **_timezone_context(network),
        **_tiers_context(network),
        **_feeds_context(network),
        "downloads": _DOWNLOADS,
    }


def _section(
    request: NetworkRequest,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
) -> HttpResponse:
    """A section after a form: its fragment for htmx, else the whole page.

    htmx swaps only 2xx answers, so its invalid forms come back as 200; a
    plain form gets 400 with the page and the errors beside the fields.
    """
    if wants_fragment(request):
        return render(request, template, context)
    return render(
        request,
        "networks/network_settings.html",
        {**_page_context(request), **context},
        status=status,
    )


def _done(
    request: NetworkRequest,
    anchor: str,
    message: str,
    section: str,
    context: Callable[[], dict[str, Any]],
) -> HttpResponse:
    """A write went through: htmx gets the section again with the message
    in it; a plain POST is redirected to the section with a message."""
    if wants_fragment(request):
        return render(request, section, context())
    messages.success(request, message)
    return redirect(f"{reverse('networks:network_settings')}#{anchor}")


# Views -----------------------------------------------------------------------


@require_GET
def network_settings(request: NetworkRequest) -> HttpResponse:
    if wants_fragment(request) and request.htmx.target == "goal-aware":
        response = render(
            request,
            "networks/_goal_aware.html",
            _goal_context(request.network, aware_limit=_aware_limit(request)),
        )
    else:
        response = render(
            request, "networks/network_settings.html", _page_context(request)
        )
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


@require_POST
def set_goal(request: NetworkRequest) -> HttpResponse:
    network = request.network
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            goal = goal_services.set_goal(network, form.cleaned_data["text"])
        except NetlifeError as exc:
            form.add_error("text", str(exc))
        else:
            notice = f"Your goal is now: {goal.text}"
            return _done(
                request, "goal", notice, "networks/_goal.html",
                lambda: _goal_context(network, notice=notice),
            )  # fmt: skip
    return _section(
        request, "networks/_goal.html", _goal_context(network, form=form), status=400
    )


@require_POST
def finish_goal(request: NetworkRequest) -> HttpResponse:
    network = request.network
    try:
        goal = goal_services.finish_goal(network)
    except NetlifeError as exc:
        # Most likely a second click, or a second tab: nothing left to finish.
        if not wants_fragment(request):
            messages.error(request, str(exc))
            return redirect(f"{reverse('networks:network_settings')}#goal")
        return render(
            request,
            "networks/_goal.html",
            _goal_context(network, notice=str(exc), notice_kind="error"),
        )
    notice = f"Done: {goal.text}. Back to keeping in touch."
    return _done(
        request, "goal", notice, "networks/_goal.html",
        lambda: _goal_context(network, notice=notice),
    )  # fmt: skip


@require_POST
def set_timezone(request: NetworkRequest) -> HttpResponse:
    network = request.network
    form = TimeZoneForm(request.POST)
    if form.is_valid():
        try:
            services.set_timezone(network, form.cleaned_data["timezone"])
        except NetlifeError as exc:
            form.add_error("timezone", str(exc))
        else:
            notice = f"Time zone set to {network.timezone}."
            return _done(
                request, "timezone", notice, "networks/_timezone.html",
                lambda: _timezone_context(network, notice=notice),
            )  # fmt: skip
    return _section(
        request,
        "networks/_timezone.html",
        _timezone_context(network, form=form),
        status=400,
    )


@require_POST
def create_feed(request: NetworkRequest) -> HttpResponse:
    network = request.network
    form = FeedForm(request.POST)
    if not form.is_valid():
        return _section(
            request,
            "networks/_feeds.html",
            _feeds_context(network, form=form),
            status=400,
        )
    token, secret = feed_services.create_feed(network, form.cleaned_data["kind"])
    new_feed = _feed_url(request, token, secret)
    context = _feeds_context(network, new_feed=new_feed)
    if wants_fragment(request):
        response = render(request, "networks/_feeds.html", context)
    else:
        response = render(
            request,
            "networks/network_settings.html",
            {**_page_context(request), **context},
        )
    # The secret is in this answer only: no cache may keep a copy.
    add_never_cache_headers(response)
    return response


def _feed_or_404(network: Network, feed_id: int) -> FeedToken:
    if feed_id > MAX_DB_ID:
        raise Http404
    for token in feed_services.feeds(network):
        if token.pk == feed_id:
            return token
    raise Http404


@require_http_methods(["GET", "POST"])
def revoke_feed(request: NetworkRequest, feed_id: int) -> HttpResponse:
    network = request.network
    token = _feed_or_404(network, feed_id)
    if request.method == "GET":
        return _confirm_revoke(request, token=token)
    try:
        revoked = feed_services.revoke_feed(network, feed_id)
    except NotFound:
        raise Http404 from None
    label = f"The {token.get_kind_display()} address starting {token.hint}…"
    notice = (
        f"{label} is revoked: whoever holds it now gets “not found”."
        if revoked
        else f"{label} was already revoked."
    )
    return _after_revoke(request, notice)


@require_http_methods(["GET", "POST"])
def revoke_all_feeds(request: NetworkRequest) -> HttpResponse:
    network = request.network
    if request.method == "GET":
        return _confirm_revoke(request, token=None)
    revoked = feed_services.revoke_feed(network, None)
    notice = (
        f"Revoked {revoked} feed address{'es' if revoked != 1 else ''}: "
        "whoever holds them now gets “not found”."
        if revoked
        else "There was no live feed address to revoke."
    )
    return _after_revoke(request, notice)


def _confirm_revoke(
    request: NetworkRequest, *, token: FeedToken | None
) -> HttpResponse:
    context = {
        "nav": "settings",
        "token": token,
        "live_feeds": sum(
            1 for t in feed_services.feeds(request.network) if t.revoked_at is None
        )
        if token is None
        else 1,
        "action": reverse("networks:revoke_feed", args=[token.pk])
        if token is not None
        else reverse("networks:revoke_all_feeds"),
        "cancel_url": f"{reverse('networks:network_settings')}#feeds",
    }
    if wants_fragment(request):
        return render(request, "networks/_revoke_confirm.html", context)
    return render(request, "networks/revoke_confirm.html", context)


def _after_revoke(request: NetworkRequest, notice: str) -> HttpResponse:
    return _done(
        request, "feeds", notice, "networks/_feeds.html",
        lambda: _feeds_context(request.network, notice=notice),
    )  # fmt: skip


def _filename(prefix: str, extension: str) -> str:
    return f"netlife-{prefix}{clock.today().isoformat()}.{extension}"


def _private(response: HttpResponseBase) -> HttpResponseBase:
    # A file full of contact details: no shared or disk cache should keep it.
    response["Cache-Control"] = "no-store, private"
    return response


@require_GET
def download(request: NetworkRequest, what: str) -> HttpResponseBase:
    chosen = DOWNLOADS.get(what)
    if chosen is None:
        raise Http404
    data = chosen.make(request, request.network)
    response = HttpResponse(data, content_type=chosen.content_type)
    filename = _filename(chosen.prefix, chosen.extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _private(response)


@require_GET
def download_backup(request: NetworkRequest) -> HttpResponseBase:
    # Written to an anonymous temporary file, then streamed from it: the
    # export's transaction ends before the first byte is sent, and a large
    # network never sits in memory as one string.
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    try:
        text = io.TextIOWrapper(spool, encoding="utf-8")
        write_network_json(request.network, text)
        text.flush()
        text.detach()
        spool.seek(0)
    except OSError:
        spool.close()
        messages.error(
            request,
            "The backup could not be written: the disk holding temporary files "
            "may be full.",
        )
        return redirect(f"{reverse('networks:network_settings')}#downloads")
    except BaseException:
        spool.close()
        raise
    response = FileResponse(
        spool,
        as_attachment=True,
        filename=_filename("", "json"),
        content_type=BACKUP_CONTENT_TYPE,
    )
    return _private(response)
