"""The progress callback long-running services accept.

Services report progress through a plain callable so they never depend on a
terminal: the CLI passes a Rich progress bar's tick, the web UI and tests pass
nothing.
"""

from collections.abc import Callable

Advance = Callable[[int], None]
"""Called with the number of units just completed."""


def no_progress(_: int) -> None:
    """The default: report nothing."""
