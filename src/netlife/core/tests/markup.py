"""A check the page tests share: every element a page opens is closed."""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr"}  # fmt: skip


class _Balance(HTMLParser):
    """Every element the page opens is closed, in order (p, li and option may
    close themselves, as HTML lets them)."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.open: list[str] = []
        self.stray: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while (
            self.open
            and self.open[-1] != tag
            and self.open[-1] in ("p", "li", "option")
        ):
            self.open.pop()
        if self.open and self.open[-1] == tag:
            self.open.pop()
        elif tag not in VOID:
            self.stray.append(tag)


def well_formed(page: str) -> bool:
    """Whether every element `page` opens is closed, in order."""
    balance = _Balance(page)
    return balance.open == [] and balance.stray == []
