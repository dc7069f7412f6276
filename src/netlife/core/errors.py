"""Domain errors that every front-end maps to one clear sentence.

Services and queries raise these; the CLI turns them into a message on stderr
and exit status 1, the web UI into a form error or a designed error page.
"""

from collections.abc import Sequence


class NetlifeError(Exception):
    """A problem the user can act on; str(error) is the sentence to show."""


class InvalidInput(NetlifeError):
    """A value that cannot be used: a bad date, an unknown intent, an empty name."""


class NotFound(NetlifeError):
    """A reference that matches nothing in the network."""


class Ambiguous(NetlifeError):
    """A reference that matches several things; lists the candidates."""

    def __init__(self, message: str, candidates: Sequence[str]) -> None:
        self.candidates = list(candidates)
        listing = "; ".join(self.candidates[:10])
        more = len(self.candidates) - 10
        if more > 0:
            listing += f"; and {more} more"
        super().__init__(f"{message} Candidates: {listing}.")


class Conflict(NetlifeError):
    """An operation that would clash with what is already there."""


class ImportFailed(NetlifeError):
    """An import file that cannot be read; nothing was written."""
