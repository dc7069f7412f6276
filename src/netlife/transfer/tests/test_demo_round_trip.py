from netlife.demo.services import generate_demo
from netlife.networks.models import Network
from netlife.transfer.services import import_network
from netlife.transfer.tests.conftest import comparable, export_document


def test_a_demo_network_survives_export_and_import_exactly(
    ana: Network, cara: Network
) -> None:
    generate_demo(ana, people=80, seed=7)
    document = export_document(ana)

    created = import_network(cara, document)
    again = import_network(cara, document)

    assert comparable(export_document(cara)) == comparable(document)
    assert created.created["people"] == len(document["people"]) > 0
    assert created.created["interactions"] == len(document["interactions"]) > 0
    assert not again.changed


def test_reimporting_a_demo_export_into_its_own_network_changes_nothing(
    ana: Network,
) -> None:
    generate_demo(ana, people=80, seed=7)
    document = export_document(ana)

    result = import_network(ana, document)

    assert not result.changed
    assert result.unchanged["people"] == len(document["people"])
    assert export_document(ana)["people"] == document["people"]
