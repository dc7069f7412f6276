"""`feed new|list|revoke`: subscribe to reminders from a calendar or reader."""

from typing import Annotated

import typer
from rich.table import Table

from netlife.core.errors import InvalidInput
from netlife.core.terminal import JsonFlag, emit_json, stdout
from netlife.feeds import services
from netlife.feeds.models import FeedToken
from netlife.networks.services import ensure_local_network

feed_app = typer.Typer(
    help="Secret addresses a calendar app or feed reader subscribes to.",
    no_args_is_help=True,
)

DEFAULT_BASE = "http://127.0.0.1:8000"
_SUFFIX = {FeedToken.Kind.CALENDAR: "ics", FeedToken.Kind.ATOM: "atom"}


def feed_url(base_url: str, token: FeedToken, secret: str) -> str:
    return (
        f"{base_url.rstrip('/')}/feeds/{secret}.{_SUFFIX[FeedToken.Kind(token.kind)]}"
    )


@feed_app.command("new")
def new(
    kind: Annotated[
        str, typer.Argument(help="ics for calendar apps, atom for feed readers.")
    ],
    base_url: Annotated[
        str,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="Where `netlife serve` is reached from the subscribing app.",
        ),
    ] = DEFAULT_BASE,
    json_output: JsonFlag = False,
) -> None:
    """Make a secret feed address; it is shown only this once."""
    token, secret = services.create_feed(ensure_local_network(), kind)
    url = feed_url(base_url, token, secret)
    if json_output:
        emit_json({"id": token.pk, "kind": token.kind, "url": url})
        return
    out = stdout()
    out.print(f"Feed {token.pk} ({token.get_kind_display()}):", markup=False)
    out.print(url, markup=False, soft_wrap=True)
    if token.kind == FeedToken.Kind.CALENDAR and url.startswith("http"):
        out.print("Calendar apps also take: " + url.replace("http", "webcal", 1),
                  markup=False, soft_wrap=True)  # fmt: skip
    out.print(
        "Keep it private: anyone with the address reads the feed. "
        f"`netlife feed revoke {token.pk}` closes it.",
        markup=False,
    )


@feed_app.command("list")
def list_feeds(json_output: JsonFlag = False) -> None:
    """The feed addresses made so far (their secrets are not kept)."""
    found = services.feeds(ensure_local_network())
    if json_output:
        emit_json(
            [
                {"id": t.pk, "kind": t.kind, "hint": t.hint,
                 "created_at": t.created_at, "last_used_at": t.last_used_at,
                 "revoked_at": t.revoked_at}
                for t in found
            ]
        )  # fmt: skip
        return
    if not found:
        stdout().print("No feeds yet: `netlife feed new ics` makes one.")
        return
    table = Table(box=None, pad_edge=False)
    for column in ("id", "kind", "starts", "made", "last used", "state"):
        table.add_column(column)
    for t in found:
        table.add_row(
            str(t.pk), t.kind, f"{t.hint}…", f"{t.created_at:%Y-%m-%d}",
            f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never",
            "revoked" if t.revoked_at else "live",
        )  # fmt: skip
    stdout().print(table)


@feed_app.command("revoke")
def revoke(
    feed_id: Annotated[
        int | None, typer.Argument(help="The feed's id (`netlife feed list`).")
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Revoke every live feed.")
    ] = False,
    json_output: JsonFlag = False,
) -> None:
    """Close a feed address for good: subscribers get 404 from now on."""
    if (feed_id is None) == (not every):
        raise InvalidInput("Give a feed id, or --all to revoke every feed.")
    revoked = services.revoke_feed(ensure_local_network(), feed_id)
    if json_output:
        emit_json({"revoked": revoked})
        return
    stdout().print(
        f"Revoked {revoked} feed{'s' if revoked != 1 else ''}."
        if revoked
        else "Nothing to revoke: that feed was already closed.",
        markup=False,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(feed_app, name="feed")
