"""`add`, `people`, `show`, `edit` and `remove`: the people of a network."""

import dataclasses
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from netlife.core.dates import parse_optional_date
from netlife.core.errors import InvalidInput, NetlifeError
from netlife.core.terminal import JsonFlag, emit_json, stderr, stdout, warn
from netlife.networks.services import ensure_local_network
from netlife.paths import queries as paths
from netlife.people import merging, queries, services
from netlife.people.models import Person

_SUMMARY_FIELDS = [f.name for f in dataclasses.fields(queries.PersonSummary)]


def _person_json(summary: queries.PersonSummary) -> dict[str, Any]:
    # Shallow on purpose: dataclasses.asdict deep-copies every list and
    # dominated the time of `people --json` on large networks.
    return {name: getattr(summary, name) for name in _SUMMARY_FIELDS}


def add(
    name: Annotated[
        str, typer.Argument(help="Full name, e.g. 'Ada Lovelace'.", metavar="NAME")
    ],
    email: Annotated[
        list[str] | None,
        typer.Option(help="Email address (repeatable).", metavar="EMAIL"),
    ] = None,
    phone: Annotated[
        list[str] | None,
        typer.Option(help="Phone number (repeatable).", metavar="PHONE"),
    ] = None,
    org: Annotated[
        str | None, typer.Option(help="Organization they work at.", metavar="ORG")
    ] = None,
    title: Annotated[str, typer.Option(help="Job title.", metavar="TEXT")] = "",
    linkedin: Annotated[
        str | None, typer.Option(help="LinkedIn profile URL.", metavar="URL")
    ] = None,
    url: Annotated[
        list[str] | None,
        typer.Option(help="Other web address (repeatable).", metavar="URL"),
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option(help="Tag (repeatable).", metavar="TAG")
    ] = None,
    tier: Annotated[
        str | None,
        typer.Option(
            help="Keep-in-touch tier: inner, close, network, distant, none, or "
            "auto (derived from tie strength, the default).",
            metavar="TIER",
        ),
    ] = None,
    cadence: Annotated[
        int | None,
        typer.Option(
            help="Keep in touch every N days (overrides the tier).", metavar="N"
        ),
    ] = None,
    met: Annotated[str, typer.Option(help="How you met.", metavar="TEXT")] = "",
    met_on: Annotated[
        str | None, typer.Option(help="When you met (YYYY-MM-DD).", metavar="DATE")
    ] = None,
    birthday: Annotated[
        str | None, typer.Option(help="Birthday, YYYY-MM-DD or MM-DD.", metavar="DATE")
    ] = None,
    location: Annotated[
        str, typer.Option(help="Where they live or work.", metavar="TEXT")
    ] = "",
    notes: Annotated[
        str, typer.Option(help="Anything worth remembering.", metavar="TEXT")
    ] = "",
    prospect: Annotated[
        bool,
        typer.Option(
            "--prospect", help="Someone you want to reach, not yet a contact."
        ),
    ] = False,
    json_output: JsonFlag = False,
) -> None:
    """Add a person to your network."""
    network = ensure_local_network()
    person = services.add_person(
        network,
        name=name,
        emails=email or [],
        phones=phone or [],
        urls=[*([linkedin] if linkedin else []), *(url or [])],
        organization=org,
        title=title,
        tags=tag or [],
        tier=tier,
        cadence_days=cadence,
        how_met=met,
        met_on=parse_optional_date(met_on, what="meeting date"),
        birthday=services.parse_birthday(birthday) if birthday else None,
        location=location,
        notes=notes,
        prospect=prospect,
    )
    for other in queries.people_sharing_contact_methods(network, person):
        warn(
            f"{other.full_name} (id {other.pk}) has the same email or phone; "
            "a duplicate?"
        )
    if json_output:
        emit_json(_person_json(queries.person_summaries(network, [person])[0]))
        return
    kind = "prospect" if prospect else "contact"
    stdout().print(f"Added {person.full_name} (id {person.pk}) as a {kind}.")


def people(
    query: Annotated[
        str,
        typer.Argument(
            help="Part of a name, organization, title or email.", metavar="QUERY"
        ),
    ] = "",
    tag: Annotated[
        str | None, typer.Option(help="Only people with this tag.", metavar="TAG")
    ] = None,
    org: Annotated[
        str | None,
        typer.Option(help="Only people at this organization.", metavar="ORG"),
    ] = None,
    include_archived: Annotated[
        bool, typer.Option("--archived", help="Include archived people.")
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(min=1, help="Show at most N (tables default to 50).", metavar="N"),
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """List the people in your network, optionally filtered."""
    network = ensure_local_network()
    found = queries.search_people(
        network, query, tag=tag, organization=org, include_archived=include_archived
    )
    if json_output:
        selected = found[:limit] if limit else found
        emit_json(
            [_person_json(s) for s in queries.iter_person_summaries(network, selected)]
        )
        return
    shown_limit = limit or 50
    page = list(found[: shown_limit + 1])
    more = len(page) > shown_limit
    page = page[:shown_limit]
    if not page:
        stdout().print("No one matches." if (query or tag or org) else _EMPTY_NETWORK)
        return
    table = Table(show_edge=False, header_style="bold")
    # Ids and dates never wrap; names, organizations and titles wrap at
    # word boundaries on narrow terminals.
    table.add_column("id", no_wrap=True, justify="right")
    for column in ("name", "organization", "title", "tags"):
        table.add_column(column)
    table.add_column("last contact", no_wrap=True, min_width=10)
    table.add_column("next due", no_wrap=True, min_width=10)
    for s in queries.person_summaries(network, page):
        table.add_row(
            str(s.id),
            s.name + (" (prospect)" if s.kind == "prospect" else ""),
            s.organization or "",
            s.title,
            ", ".join(s.tags),
            s.last_contact.isoformat() if s.last_contact else "never",
            s.next_due.isoformat() if s.next_due else "",
        )
    stdout().print(table)
    if more:
        total = found.count()
        stderr().print(
            f"Showing {shown_limit} of {total}; use --limit or a query to see others."
        )


_EMPTY_NETWORK = (
    "Your network is empty. Add someone with `netlife add NAME`, "
    "or try `netlife demo` for a sample network."
)


def show(
    person: Annotated[
        str,
        typer.Argument(help="An id, an email, or part of a name.", metavar="PERSON"),
    ],
    json_output: JsonFlag = False,
) -> None:
    """Show everything netlife knows about a person."""
    network = ensure_local_network()
    found = queries.resolve_person(network, person)
    details = queries.person_details(network, found)
    details["reach"] = paths.how_to_reach(network, found).to_json()
    if json_output:
        emit_json(details)
        return
    out = stdout()
    title = details["name"] + (" (prospect)" if details["kind"] == "prospect" else "")
    out.print(f"[bold]{escape(title)}[/bold]  id {details['id']}", markup=True)
    at = " at ".join(x for x in (details["title"], details["organization"] or "") if x)
    if at:
        out.print(at, markup=False)
    for label, key in (
        ("emails", "emails"),
        ("phones", "phones"),
        ("web", "urls"),
        ("tags", "tags"),
    ):
        if details[key]:
            out.print(f"{label}: {', '.join(details[key])}", markup=False)
    cadence = (
        f"every {details['cadence_days']} days"
        if details["cadence_days"]
        else "not tracked"
    )
    derived = ", derived from tie strength" if details["tier_derived"] else ""
    out.print(f"tier: {details['tier']}{derived} ({cadence})", markup=False)
    parts = details["strength_parts"]
    why = (
        " (" + ", ".join(f"{name} {value:.2f}" for name, value in parts.items()) + ")"
        if parts
        else " (never in touch)"
    )
    out.print(f"strength {details['strength']:.2f}{why}", markup=False)
    out.print(
        f"last contact: {details['last_contact'] or 'never'}"
        + (f"; next due {details['next_due']}" if details["next_due"] else ""),
        markup=False,
    )
    out.print(
        f"gives {details['gives']}, asks {details['asks']}; "
        f"{'knows' if details['knows_goal'] else 'does not know'} your current goal",
        markup=False,
    )
    for label, key in (
        ("how you met", "how_met"),
        ("location", "location"),
        ("notes", "notes"),
    ):
        if details[key]:
            out.print(f"{label}: {details[key]}", markup=False)
    if details["birthday"]:
        out.print(f"birthday: {details['birthday']}", markup=False)
    if details["ties"]:
        out.print("[bold]knows[/bold]", markup=True)
        for tie in details["ties"]:
            how = f" — {tie['how']}" if tie["how"] else ""
            out.print(f"  {tie['name']} ({tie['strength']}){how}", markup=False)
    reach = details["reach"]
    if reach["paths"]:
        out.print("[bold]how to reach them[/bold]", markup=True)
        for path in reach["paths"]:
            chain = " → ".join(hop["name"] for hop in path["hops"])
            out.print(f"  {chain} (strength {path['strength']:.2f})", markup=False)
    elif not reach["direct"] and details["kind"] == "prospect":
        out.print("how to reach them: nobody you know leads to them yet", markup=False)
    if details["events"]:
        out.print("[bold]events[/bold]", markup=True)
        for event in details["events"]:
            out.print(
                f"  {event['on']}  {event['kind']}: {event['summary']}", markup=False
            )
    if details["interactions"]:
        out.print("[bold]recent interactions[/bold]", markup=True)
        for item in details["interactions"]:
            about = f" — {item['summary']}" if item["summary"] else ""
            out.print(
                f"  {item['on']}  {item['intent']} by {item['channel']}{about}",
                markup=False,
            )


def edit(
    person: Annotated[
        str,
        typer.Argument(help="An id, an email, or part of a name.", metavar="PERSON"),
    ],
    name: Annotated[
        str | None, typer.Option(help="New full name.", metavar="TEXT")
    ] = None,
    email: Annotated[
        list[str] | None,
        typer.Option(help="Add an email (repeatable).", metavar="EMAIL"),
    ] = None,
    phone: Annotated[
        list[str] | None,
        typer.Option(help="Add a phone (repeatable).", metavar="PHONE"),
    ] = None,
    linkedin: Annotated[
        str | None, typer.Option(help="Add a LinkedIn URL.", metavar="URL")
    ] = None,
    url: Annotated[
        list[str] | None,
        typer.Option(help="Add a web address (repeatable).", metavar="URL"),
    ] = None,
    remove_value: Annotated[
        list[str] | None,
        typer.Option(
            "--remove",
            help="Remove an email, phone or URL (repeatable).",
            metavar="VALUE",
        ),
    ] = None,
    org: Annotated[
        str | None, typer.Option(help="New organization ('' to clear).", metavar="ORG")
    ] = None,
    title: Annotated[
        str | None, typer.Option(help="New job title.", metavar="TEXT")
    ] = None,
    location: Annotated[
        str | None, typer.Option(help="Where they live or work.", metavar="TEXT")
    ] = None,
    met: Annotated[
        str | None, typer.Option(help="How you met.", metavar="TEXT")
    ] = None,
    met_on: Annotated[
        str | None, typer.Option(help="When you met (YYYY-MM-DD).", metavar="DATE")
    ] = None,
    birthday: Annotated[
        str | None, typer.Option(help="Birthday, YYYY-MM-DD or MM-DD.", metavar="DATE")
    ] = None,
    notes: Annotated[
        str | None, typer.Option(help="Replace the notes.", metavar="TEXT")
    ] = None,
    tier: Annotated[
        str | None,
        typer.Option(
            help="Keep-in-touch tier: inner, close, network, distant, none, or "
            "auto (derived from tie strength, the default).",
            metavar="TIER",
        ),
    ] = None,
    cadence: Annotated[
        int | None, typer.Option(help="Keep in touch every N days.", metavar="N")
    ] = None,
    no_cadence: Annotated[
        bool,
        typer.Option("--no-cadence", help="Drop the explicit cadence; use the tier."),
    ] = False,
    tag: Annotated[
        list[str] | None, typer.Option(help="Add a tag (repeatable).", metavar="TAG")
    ] = None,
    untag: Annotated[
        list[str] | None,
        typer.Option(help="Remove a tag (repeatable).", metavar="UNTAG"),
    ] = None,
    contact: Annotated[
        bool, typer.Option("--contact", help="Make them a contact.")
    ] = False,
    prospect: Annotated[
        bool, typer.Option("--prospect", help="Make them a prospect.")
    ] = False,
    archive: Annotated[
        bool | None, typer.Option("--archive/--unarchive", help="Archive or restore.")
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Change what netlife knows about a person."""
    network = ensure_local_network()
    target = queries.resolve_person(network, person)
    changes = services.PersonChanges(
        name=name,
        organization=org,
        title=title,
        location=location,
        how_met=met,
        met_on=parse_optional_date(met_on, what="meeting date"),
        birthday=services.parse_birthday(birthday) if birthday else None,
        notes=notes,
        tier=tier,
        cadence_days=cadence,
        clear_cadence=no_cadence,
        add_emails=email or [],
        add_phones=phone or [],
        add_urls=[*([linkedin] if linkedin else []), *(url or [])],
        remove_values=remove_value or [],
        add_tags=tag or [],
        remove_tags=untag or [],
        make_contact=contact,
        make_prospect=prospect,
        archived=archive,
    )
    edited = services.edit_person(network, target, changes)
    if json_output:
        emit_json(_person_json(queries.person_summaries(network, [edited])[0]))
        return
    stdout().print(f"Updated {edited.full_name} (id {edited.pk}).")


def _confirm(question: str, refusal: str) -> None:
    """Ask on stderr; a no (or no terminal to ask on) is `refusal`, exit 1."""
    try:
        confirmed = typer.confirm(question, default=False, err=True)
    except typer.Abort:
        confirmed = False
    if not confirmed:
        raise NetlifeError(refusal)


def remove(
    person: Annotated[
        str,
        typer.Argument(help="An id, an email, or part of a name.", metavar="PERSON"),
    ],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")
    ] = False,
    json_output: JsonFlag = False,
) -> None:
    """Delete a person and the interactions only they took part in."""
    network = ensure_local_network()
    target = queries.resolve_person(network, person)
    if not yes:
        count = queries.count_interactions_with(network, target)
        question = (
            f"Delete {target.full_name} (id {target.pk}) and {count} interaction(s)?"
        )
        _confirm(
            question, "Nothing deleted. Run again with --yes to delete without asking."
        )
    person_id, full_name = target.pk, target.full_name
    services.remove_person(network, target)
    if json_output:
        emit_json({"deleted": {"id": person_id, "name": full_name}})
        return
    stdout().print(f"Deleted {full_name}.")


def merge(
    people: Annotated[
        list[str] | None,
        typer.Argument(
            help="Two people: the one to keep, then the one to fold into it.",
            metavar="A B",
        ),
    ] = None,
    review: Annotated[
        bool, typer.Option("--review", help="List the pairs imports were unsure of.")
    ] = False,
    not_same: Annotated[
        bool, typer.Option("--not", help="A and B are two people: stop suggesting.")
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")
    ] = False,
    json_output: JsonFlag = False,
) -> None:
    """Merge two records of one person, or review the pairs imports suggested."""
    network = ensure_local_network()
    refs = people or []
    if review:
        if refs or not_same:
            raise InvalidInput("--review takes no people; it lists the suggestions.")
        _print_suggestions(merging.open_suggestions(network), json_output)
        return
    if len(refs) != 2:
        raise InvalidInput("Name two people (A B), or use --review.")
    a, b = (queries.resolve_person(network, ref) for ref in refs)
    if not_same:
        merging.dismiss_suggestion(network, a, b)
        if json_output:
            emit_json({"not_same": [a.pk, b.pk]})
            return
        stdout().print(
            f"Noted: {a.full_name} (id {a.pk}) and {b.full_name} (id {b.pk}) "
            "are two people.",
            markup=False,
        )
        return
    if not yes:
        question = (
            f"Fold {b.full_name} (id {b.pk}) into {a.full_name} (id {a.pk})? "
            "Their emails, phones and history move over."
        )
        _confirm(
            question, "Nothing merged. Run again with --yes to merge without asking."
        )
    merged_id, merged_name = b.pk, b.full_name
    kept = merging.merge_people(network, a, b)
    if json_output:
        emit_json(
            {"kept": {"id": kept.pk, "name": kept.full_name},
             "merged": {"id": merged_id, "name": merged_name}}
        )  # fmt: skip
        return
    stdout().print(
        f"Merged {merged_name} into {kept.full_name} (id {kept.pk}).", markup=False
    )


def _print_suggestions(found: list[merging.OpenSuggestion], as_json: bool) -> None:
    def who(p: Person) -> str:
        at = f", {p.organization.name}" if p.organization else ""
        return f"{p.full_name} (id {p.pk}{at})"

    if as_json:
        emit_json(
            [
                {"id": s.id, "a": {"id": s.a.pk, "name": s.a.full_name},
                 "b": {"id": s.b.pk, "name": s.b.full_name},
                 "reasons": s.reasons, "source": s.source}
                for s in found
            ]
        )  # fmt: skip
        return
    if not found:
        stdout().print("No suggestions to review.")
        return
    for s in found:
        stdout().print(f"{who(s.a)}  ~  {who(s.b)}: {s.reasons}", markup=False)
    stdout().print(
        "Merge with `netlife merge A B`, or keep them apart with "
        "`netlife merge --not A B`."
    )


def register(app: typer.Typer) -> None:
    app.command()(merge)
    app.command()(add)
    app.command()(people)
    app.command()(show)
    app.command()(edit)
    app.command()(remove)
