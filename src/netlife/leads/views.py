"""The leads board: leads by stage, moves, a form to add one, and the funnel.

Every form works as a plain POST that redirects back to the board; with
htmx, the POST answers with the board's working area (`_lead_work.html`:
the add form, the columns and the funnel) in place, and a status line
out of band. An invalid move or lead comes back with the service's
sentence beside the form that caused it, and nothing written.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_POST

from netlife.core import clock
from netlife.core.dates import parse_date
from netlife.core.errors import InvalidInput, NetlifeError, NotFound
from netlife.core.http import NetworkRequest
from netlife.engines import funnel as engine
from netlife.leads import queries, services
from netlife.leads.models import Lead
from netlife.people.models import Organization, Person
from netlife.people.queries import resolve_person

PER_COLUMN = 10  # cards shown per stage before "show all"
PEOPLE_SHOWN = 10  # credited people in the funnel table before "more"
PEOPLE_MOST = 100  # and at most this many in all
_MAX_DB_ID = 2**63 - 1  # larger ids overflow SQLite's INTEGER
_FINAL = ("hired", engine.CLOSED)
_STAGE_CHOICES = [(stage, stage) for stage in engine.STAGES]
_STAGE_ERRORS = {
    "required": "Choose the stage to move it to.",
    "invalid_choice": f"Choose one of the stages: {', '.join(engine.STAGES)}.",
}


def _optional_date(value: str) -> date | None:
    if not value.strip():
        return None
    try:
        return parse_date(value, what="date")
    except InvalidInput as exc:
        raise forms.ValidationError(str(exc)) from None


class MoveForm(forms.Form):
    stage = forms.ChoiceField(choices=_STAGE_CHOICES, error_messages=_STAGE_ERRORS)
    on = forms.CharField(max_length=32, required=False)

    def clean_on(self) -> date | None:
        return _optional_date(self.cleaned_data["on"])


class AddLeadForm(forms.Form):
    title = forms.CharField(
        max_length=Lead._meta.get_field("title").max_length,
        error_messages={
            "required": "Give the lead a title, e.g. “Product manager”.",
            "max_length": "That title is too long (%(limit_value)d characters "
            "at most).",
        },
    )
    organization = forms.CharField(
        max_length=Organization._meta.get_field("name").max_length,
        required=False,
        error_messages={
            "max_length": "That organization name is too long "
            "(%(limit_value)d characters at most)."
        },
    )
    opened_by = forms.CharField(max_length=200, required=False)
    through = forms.CharField(max_length=200, required=False)
    stage = forms.ChoiceField(
        choices=_STAGE_CHOICES, initial="lead", error_messages=_STAGE_ERRORS
    )
    on = forms.CharField(max_length=32, required=False)
    notes = forms.CharField(max_length=5000, required=False)

    def clean_on(self) -> date | None:
        return _optional_date(self.cleaned_data["on"])


@dataclass(frozen=True, slots=True)
class Card:
    """A lead as its card shows it."""

    lead: queries.LeadSummary
    since: date
    days: int  # in its stage
    opened_by: list[queries.CreditedPerson]
    through: list[queries.CreditedPerson]
    closed_after: str | None  # for a closed lead: the last stage it was at
    moves: list[str]  # the stages it may move to
    selected: str  # the stage picked in its form
    on: str  # the date typed in its form
    error: str | None = None
    focus: bool = False


@dataclass(frozen=True, slots=True)
class Column:
    stage: str
    total: int
    cards: list[Card]
    expanded: bool


@dataclass(slots=True)
class BoardState:
    """What a POST brings back to the board: the form that failed, and where
    the keyboard focus goes."""

    moved: int | None = None
    move_error: str | None = None
    move_values: dict[str, str] = field(default_factory=dict)
    add_form: AddLeadForm | None = None
    add_open: bool = False


def _next_stages(stage: str) -> list[str]:
    if stage in _FINAL:
        return []
    return [*engine.PIPELINE[engine.PIPELINE.index(stage) + 1 :], engine.CLOSED]


def _card(lead: queries.LeadSummary, today: date, state: BoardState) -> Card:
    since = lead.history[-1].on if lead.history else lead.created_on
    moves = _next_stages(lead.stage)
    failed = state.moved == lead.id and state.move_error is not None
    before_closing = [h.stage for h in lead.history if h.stage != engine.CLOSED]
    selected = state.move_values.get("stage", "") if failed else ""
    return Card(
        lead=lead,
        since=since,
        days=max(0, (today - since).days),
        opened_by=[c for c in lead.credited if c.role != "through"],
        through=[c for c in lead.credited if c.role == "through"],
        closed_after=(before_closing[-1] if before_closing else "lead")
        if lead.stage == engine.CLOSED
        else None,
        moves=moves,
        selected=selected or (moves[0] if moves else ""),
        on=state.move_values.get("on", "") if failed else "",
        error=state.move_error if failed else None,
        focus=state.moved == lead.id,
    )


def _funnel_chart(result: engine.Funnel) -> SafeString:
    # Imported here: matplotlib takes a good part of a second to load, and
    # loading the URLs (system checks, the CLI) should not pay for it.
    from netlife.review import charts

    pipeline = [s for s in result.stages if s.stage in engine.PIPELINE]
    svg = charts.funnel_chart(
        [s.stage for s in pipeline],
        [s.reached for s in pipeline],
        title="Leads funnel: how many leads reached each stage.",
    )
    # Drawn from stage names and counts only, no text the user typed.
    return mark_safe(charts.without_inline_css(svg))  # noqa: S308


def _funnel_text(result: engine.Funnel) -> str:
    pipeline = [s for s in result.stages if s.stage in engine.PIPELINE]
    reached = ", ".join(f"{s.reached} reached {s.stage}" for s in pipeline[1:])
    closed = result.stages[-1].count
    return (
        f"Of {result.leads} lead{'s' if result.leads != 1 else ''}, {reached}; "
        f"{closed} {'was' if closed == 1 else 'were'} closed."
    )


def _board_context(
    request: NetworkRequest, state: BoardState, *, expanded: str | None
) -> dict[str, Any]:
    network = request.network
    today = clock.today()
    columns = [
        Column(
            column.stage,
            column.total,
            [_card(lead, today, state) for lead in column.leads],
            expanded=column.stage == expanded,
        )
        # The lead just moved or added shows, wherever its day ranks it.
        for column in queries.lead_board(
            network, per_stage=PER_COLUMN, expanded=expanded, include=state.moved
        )
    ]
    result = queries.funnel(network)
    add_form = state.add_form or AddLeadForm()
    total = sum(column.total for column in columns)
    open_leads = sum(c.total for c in columns if c.stage not in _FINAL)
    return {
        "nav": "leads",
        "today": today,
        "columns": columns,
        "expanded": expanded,
        "total": total,
        "open_leads": open_leads,
        "funnel": result,
        "funnel_chart": _funnel_chart(result) if result.leads else None,
        "funnel_text": _funnel_text(result) if result.leads else "",
        "stage_rows": [
            (s.stage, s.count, s.reached, _percent(s.conversion)) for s in result.stages
        ],
        "people_top": result.by_person[:PEOPLE_SHOWN],
        "people_more": result.by_person[PEOPLE_SHOWN:PEOPLE_MOST],
        "people_left": max(0, len(result.by_person) - PEOPLE_MOST),
        "add_form": add_form,
        "add_open": state.add_open or not total,
        "add_focus": _first_error(add_form),
        "stages": engine.STAGES,
        "per_column": PER_COLUMN,
    }


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def _first_error(form: AddLeadForm) -> str | None:
    if not form.is_bound or not form.errors:
        return None
    name = next(iter(form.errors))
    return "title" if name == NON_FIELD_ERRORS else name


def _expanded(show: str | None) -> str | None:
    return show if show in engine.STAGES else None


def _respond(
    request: NetworkRequest,
    state: BoardState,
    *,
    status: int,
    announce: str = "",
) -> HttpResponse:
    # A move from an expanded column keeps it expanded.
    expanded = _expanded(request.POST.get("show"))
    context = _board_context(request, state, expanded=expanded)
    if request.htmx:
        # htmx swaps 2xx answers only: a form with errors comes back as 200.
        context["announce"] = announce
        response = render(request, "leads/_lead_work.html", {**context, "oob": True})
    else:
        response = render(request, "leads/lead_board.html", context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def lead_board(request: NetworkRequest) -> HttpResponse:
    expanded = _expanded(request.GET.get("show"))
    # After a move or an add without JavaScript, the lead it was about.
    lead = request.GET.get("lead", "")
    state = BoardState(moved=int(lead) if lead.isdigit() and len(lead) < 19 else None)
    context = _board_context(request, state, expanded=expanded)
    return render(request, "leads/lead_board.html", context)


def _board_url(lead_id: int, show: str | None = None) -> str:
    params = {"lead": str(lead_id)}
    if show is not None:
        params["show"] = show
    return f"{reverse('leads:lead_board')}?{urlencode(params)}#lead-{lead_id}"


@require_POST
def lead_move(request: NetworkRequest, lead_id: int) -> HttpResponse:
    if lead_id > _MAX_DB_ID:
        raise Http404
    try:
        lead = queries.get_lead(request.network, lead_id)
    except NotFound:
        raise Http404 from None
    form = MoveForm(request.POST)
    state = BoardState(
        moved=lead.pk,
        move_values={
            "stage": request.POST.get("stage", "")[:20],
            "on": request.POST.get("on", "")[:32],
        },
    )
    if not form.is_valid():
        state.move_error = str(next(iter(form.errors.values()))[0])
        return _respond(request, state, status=400)
    stage: str = form.cleaned_data["stage"]
    try:
        services.move_lead(request.network, lead, stage, on=form.cleaned_data["on"])
    except NetlifeError as exc:
        state.move_error = str(exc)
        return _respond(request, state, status=400)
    done = f"Moved “{lead.title}” to {stage}."
    if request.htmx:
        return _respond(request, BoardState(moved=lead.pk), status=200, announce=done)
    messages.success(request, done)
    return redirect(_board_url(lead.pk, _expanded(request.POST.get("show"))))


def _resolve(request: NetworkRequest, form: AddLeadForm, name: str) -> list[Person]:
    ref: str = form.cleaned_data[name]
    if not ref.strip():
        return []
    try:
        return [resolve_person(request.network, ref)]
    except NetlifeError as exc:
        form.add_error(name, str(exc))
        return []


def _add(request: NetworkRequest, form: AddLeadForm) -> Lead | None:
    """The lead the valid form describes, written; None with the form's errors."""
    opened_by = _resolve(request, form, "opened_by")
    through = _resolve(request, form, "through")
    if form.errors:
        return None
    data = form.cleaned_data
    try:
        lead = services.add_lead(
            request.network,
            title=data["title"],
            organization=data["organization"],
            opened_by=opened_by,
            through=through,
            notes=data["notes"],
            on=data["on"],
            stage=data["stage"],
        )
    except NetlifeError as exc:
        on: date | None = data["on"]
        if on is not None and on > clock.today():
            form.add_error("on", str(exc))
        elif {p.pk for p in opened_by} & {p.pk for p in through}:
            form.add_error("through", str(exc))
        else:
            form.add_error(None, str(exc))
        return None
    return lead


@require_POST
def lead_add(request: NetworkRequest) -> HttpResponse:
    form = AddLeadForm(request.POST)
    lead = _add(request, form) if form.is_valid() else None
    if lead is None:
        return _respond(request, BoardState(add_form=form, add_open=True), status=400)
    done = f"Added “{lead.title}” at the {lead.stage} stage."
    if request.htmx:
        return _respond(request, BoardState(moved=lead.pk), status=200, announce=done)
    messages.success(request, done)
    return redirect(_board_url(lead.pk))
