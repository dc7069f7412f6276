"""cara's people, touches, goal and leads never reach ana's review."""

from datetime import date

from netlife.interactions.services import log_interaction
from netlife.leads.services import add_lead, move_lead
from netlife.people.services import add_person
from netlife.review.tests.conftest import build_history


def test_cara_s_network_is_never_counted(run_cli, history, cara, tmp_path):
    before = run_cli("report", "--weeks", "2", "--json").json

    build_history(cara)  # the same history again, in cara's network
    secret = add_person(cara, name="Cara Secretcontact", tier="inner")
    log_interaction(cara, people=[secret], intent="ask", on=date(2026, 6, 14))
    lead = add_lead(cara, title="Secret role", opened_by=[secret])
    move_lead(cara, lead, "offer")

    after = run_cli("report", "--weeks", "2", "--json").json
    assert after == before
    page = tmp_path / "review.html"
    assert run_cli("report", "--html", str(page)).exit_code == 0
    text = page.read_text(encoding="utf-8") + run_cli("report").stdout
    assert "Secretcontact" not in text
    assert "Secret role" not in text
