from django.contrib.auth import get_user_model

from netlife.networks.models import Network
from netlife.people.queries import iter_person_summaries, search_people
from netlife.people.services import add_person


def test_init_is_idempotent(run_cli, db):
    first = run_cli("init", "--json")
    second = run_cli("init", "--json")
    assert first.exit_code == second.exit_code == 0
    assert first.json["network_id"] == second.json["network_id"]
    assert Network.objects.count() == 1
    assert get_user_model().objects.count() == 1


def test_the_first_command_creates_the_network_implicitly(run_cli, db):
    assert run_cli("people", "--json").json == []
    assert Network.objects.count() == 1


def test_long_listings_come_in_name_order_across_batches(ana):
    for name in ("Dee", "bea", "Cal", "Ann", "eve", "Abe"):
        add_person(ana, name=name)
    names = [
        s.name for s in iter_person_summaries(ana, search_people(ana), batch_size=2)
    ]
    assert names == ["Abe", "Ann", "bea", "Cal", "Dee", "eve"]
