import io
import json
import re
import threading
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from netlife.core.errors import ImportFailed
from netlife.formats import vcard
from netlife.networks.models import Network
from netlife.people.models import (
    ContactMethod,
    MergeSuggestion,
    Organization,
    Person,
    PersonEvent,
)
from netlife.people.services import add_person
from netlife.transfer import contacts, jobs, previews, uploads
from netlife.transfer.previews import detect_kind
from netlife.transfer.tests.conftest import export_document, fill_network

HTMX = {"HX-Request": "true"}

ADA_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
    "EMAIL;TYPE=work:ada@engines.example\r\nTEL;TYPE=cell:+1 415 555 0100\r\n"
    "ORG:Analytical Engines\r\nTITLE:Mathematician\r\nUID:ada-1\r\nEND:VCARD\r\n"
)
GRACE_CARD = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Hopper;Grace\r\nTEL;CELL;PREF:415-555-0199\r\n"
    "END:VCARD\r\n"
)
# The same Grace, written by another phone: another number, a UID of its own.
OTHER_GRACE_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nUID:g2\r\n"
    "TEL:415-555-0123\r\nORG:US Navy\r\nEND:VCARD\r\n"
)
BAD_CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nothing to go by\r\nEND:VCARD\r\n"
LINKEDIN_CSV = (
    'Notes:\n"When exporting your connection data, you may notice..."\n\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,US Navy,Admiral,"
    "01 Jan 2020\n"
)
GOOGLE_CSV = (
    "First Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value\n"
    "Alan,Turing,* myContacts,work,alan@bletchley.example\n"
)
OUTLOOK_CSV = (
    "First Name,Last Name,Company,Job Title,E-mail Address,E-mail Type,Categories\n"
    "Alan,Turing,Bletchley,Cryptanalyst,alan@bletchley.example,SMTP,\n"
)


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path: Path) -> None:
    settings.NETLIFE_HOME = tmp_path
    settings.NETLIFE_IMPORT_IN_BACKGROUND = False


def _file(name: str, text: str | bytes) -> SimpleUploadedFile:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return SimpleUploadedFile(name, data)


def _upload(client: Client, name: str, text: str | bytes, kind: str = "auto"):
    return client.post("/import/", {"file": _file(name, text), "kind": kind})


def _token(response) -> str:
    match = re.fullmatch(r"/import/([A-Za-z0-9_-]{32})/preview/", response["Location"])
    assert match, response["Location"]
    return match.group(1)


def _stored_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "uploads"
    return sorted(folder.iterdir()) if folder.exists() else []


def _field_error(body: str) -> str:
    match = re.search(
        r'<p class="field-error" id="import-file-error">([^<]*)</p>', body
    )
    assert match, "no error beside the file field"
    return match.group(1)


def _people(network: Network) -> list[str]:
    return sorted(
        Person.objects.filter(network=network).values_list("full_name", flat=True)
    )


def _rows_everywhere() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Person, ContactMethod, Organization, PersonEvent, MergeSuggestion)
    )


def test_the_import_page_offers_a_file_and_its_kind(client: Client, ana):
    response = client.get("/import/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'aria-current="page">Import<' in body
    assert '<label for="import-file">File</label>' in body
    assert 'enctype="multipart/form-data"' in body
    assert "Work it out from the file" in body
    assert "Up to 20 MB" in body
    assert "import.js" in body and "import.css" in body


def test_a_vcard_upload_previews_then_imports(client: Client, ana, tmp_path):
    response = _upload(client, "phone.vcf", ADA_CARD + GRACE_CARD)
    assert response.status_code == 302
    token = _token(response)
    assert _people(ana) == []

    preview = client.get(f"/import/{token}/preview/")
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "phone.vcf" in body and "vCard address book" in body
    assert re.search(r"<dt>New</dt><dd>2</dd>", body)
    assert "Ada Lovelace" in body and "Analytical Engines" in body
    assert "ada@engines.example" in body
    assert "Grace Hopper" in body
    assert "nothing has been written yet" in body
    assert _people(ana) == []

    confirmed = client.post(f"/import/{token}/confirm/")
    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"/import/{token}/"
    assert _people(ana) == ["Ada Lovelace", "Grace Hopper"]
    assert _stored_files(tmp_path) == []  # the upload went with its import

    result = client.get(f"/import/{token}/").content.decode()
    assert "Imported" in result
    assert re.search(r"<dt>Added</dt><dd>2</dd>", result)
    assert "every 1s" not in result
    assert 'href="/people/"' in result


def test_a_preview_writes_nothing(client: Client, ana, tmp_path):
    add_person(ana, name="Ada Lovelace", emails=["ada@engines.example"])
    before = _rows_everywhere()
    token = _token(_upload(client, "phone.vcf", ADA_CARD + GRACE_CARD))
    body = client.get(f"/import/{token}/preview/").content.decode()
    assert re.search(r"<dt>Merged</dt><dd>1</dd>", body)
    assert "merged into someone here" in body
    assert _rows_everywhere() == before
    assert len(_stored_files(tmp_path)) == 2  # kept for the go-ahead


def test_a_backup_preview_counts_each_kind_and_writes_nothing(
    client: Client, ana, cara
):
    fill_network(cara)
    data = json.dumps(export_document(cara)).encode()
    before = _rows_everywhere()
    token = _token(_upload(client, "netlife-backup.json", data))
    body = client.get(f"/import/{token}/preview/").content.decode()
    assert "netlife backup" in body
    assert "Counts per kind of record" in body
    assert "Person Number0" in body  # among the first people it would add
    assert _rows_everywhere() == before
    client.post(f"/import/{token}/confirm/")
    assert len(_people(ana)) == 6
    assert len(_people(cara)) == 6


@pytest.mark.parametrize(
    ("name", "data", "kind", "sentence"),
    [
        ("notes.txt", b"just some words\nand more", "auto", "could not tell what kind"),
        ("contacts.vcf", GOOGLE_CSV.encode(), "vcard", "No vCard found"),
        ("contacts.csv", OUTLOOK_CSV.encode(), "google", "looks like an Outlook CSV"),
        ("contacts.csv", GOOGLE_CSV.encode(), "linkedin", "LinkedIn"),
        ("export.zip", b"PK\x03\x04 damaged beyond repair", "auto", "readable zip"),
        ("backup.json", b'{"not": "a backup"', "json", "is not a JSON document"),
        ("empty.vcf", b"", "vcard", "The file is empty."),
        ("blank.vcf", b"\r\n\r\n", "vcard", "The file is empty."),
        ("only-bad.vcf", BAD_CARD.encode(), "vcard", "card 1"),
    ],
)
def test_a_bad_file_gets_one_sentence_beside_the_field(
    client: Client, ana, tmp_path, name, data, kind, sentence
):
    before = _rows_everywhere()
    response = _upload(client, name, data, kind)
    assert response.status_code == 400
    body = response.content.decode()
    error = _field_error(body)
    assert sentence in error
    assert "Traceback" not in body
    assert 'aria-invalid="true"' in body
    assert 'aria-describedby="import-file-hint import-file-error"' in body
    assert _rows_everywhere() == before
    assert _stored_files(tmp_path) == []
    assert "backup.json" not in error or str(tmp_path) not in error


def test_a_file_over_the_limit_is_refused_and_the_limit_is_said(
    client: Client, ana, settings, tmp_path
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
    big = ADA_CARD.encode() * (3 * 1024 * 1024 // len(ADA_CARD) + 1)
    response = _upload(client, "huge.vcf", big)
    assert response.status_code == 400
    assert "netlife takes files of up to 2 MB" in _field_error(
        response.content.decode()
    )
    assert _stored_files(tmp_path) == []
    assert _people(ana) == []


def test_missing_file_is_asked_for_beside_the_field(client: Client, ana):
    response = client.post("/import/", {"kind": "auto"})
    assert response.status_code == 400
    assert _field_error(response.content.decode()) == "Choose a file to import."


def test_unreadable_records_are_listed_and_left_out_on_request(client: Client, ana):
    token = _token(_upload(client, "phone.vcf", ADA_CARD + BAD_CARD))
    body = client.get(f"/import/{token}/preview/").content.decode()
    assert "1 record cannot be read" in body
    assert "card 2 (line 11): The card has no name" in body
    assert "Import, leaving out 1 unreadable record" in body
    assert 'name="skip_bad" value="on"' in body
    client.post(f"/import/{token}/confirm/", {"skip_bad": "on"})
    assert _people(ana) == ["Ada Lovelace"]


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("Connections.csv", LINKEDIN_CSV.encode(), "linkedin"),
        ("contacts.csv", GOOGLE_CSV.encode(), "google"),
        ("contacts.csv", OUTLOOK_CSV.encode(), "outlook"),
        ("phone.vcf", ADA_CARD.encode(), "vcard"),
        ("anything.txt", ADA_CARD.encode("utf-16"), "vcard"),
        ("backup.json", b'\xef\xbb\xbf  {"format": "netlife"}', "json"),
        ("x.bin", b"", None),
        ("contacts.vcf", b"nothing here", "vcard"),  # only the name says so
    ],
)
def test_the_kind_is_told_from_the_file(name, data, kind):
    assert detect_kind(data, name) == kind


def test_a_linkedin_export_zip_is_recognized_and_imported(client: Client, ana):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Basic_LinkedInDataExport/Connections.csv", LINKEDIN_CSV)
    token = _token(_upload(client, "export.zip", buffer.getvalue()))
    assert (
        "LinkedIn connections"
        in client.get(f"/import/{token}/preview/").content.decode()
    )
    client.post(f"/import/{token}/confirm/")
    assert _people(ana) == ["Grace Hopper"]


def test_cancelling_discards_the_upload_and_writes_nothing(
    client: Client, ana, tmp_path
):
    token = _token(_upload(client, "phone.vcf", ADA_CARD))
    response = client.post(f"/import/{token}/cancel/", follow=True)
    assert "Nothing was imported from phone.vcf." in response.content.decode()
    assert _stored_files(tmp_path) == []
    assert client.get(f"/import/{token}/preview/").status_code == 404
    assert client.post(f"/import/{token}/confirm/").status_code == 404
    assert _people(ana) == []


def test_a_second_confirm_does_not_import_twice(client: Client, ana):
    token = _token(_upload(client, "phone.vcf", ADA_CARD + GRACE_CARD))
    client.post(f"/import/{token}/confirm/")
    again = client.post(f"/import/{token}/confirm/")
    assert again["Location"] == f"/import/{token}/"
    assert Person.objects.filter(network=ana).count() == 2
    # The preview of an imported file leads to its result.
    assert client.get(f"/import/{token}/preview/")["Location"] == f"/import/{token}/"


@pytest.mark.parametrize(
    "token",
    ["x" * 32, "../../etc/passwd", "a" * 31, "duplicatez", "%2e%2e%2fsecret_key" * 2],
)
def test_unknown_or_malformed_tokens_are_404(client: Client, ana, token):
    assert client.get(f"/import/{token}/preview/").status_code == 404
    assert client.get(f"/import/{token}/").status_code == 404
    assert client.post(f"/import/{token}/confirm/").status_code == 404
    assert client.post(f"/import/{token}/cancel/").status_code == 404


def test_cara_s_upload_is_not_ana_s(client: Client, ana, cara):
    upload = uploads.save_upload(cara, [ADA_CARD.encode()], kind="vcard", name="c.vcf")
    assert client.get(f"/import/{upload.token}/preview/").status_code == 404
    assert client.post(f"/import/{upload.token}/confirm/").status_code == 404
    assert client.post(f"/import/{upload.token}/cancel/").status_code == 404
    assert upload.path.exists()
    assert _people(ana) == [] and _people(cara) == []


def test_stale_uploads_are_removed(ana, tmp_path):
    upload = uploads.save_upload(ana, [b"x"], kind="vcard", name="old.vcf")
    assert uploads.remove_stale(now=upload.uploaded_at + uploads.STALE_AFTER + 60) == 2
    assert _stored_files(tmp_path) == []


def test_the_stored_name_is_only_the_file_s_own_name(ana):
    upload = uploads.save_upload(
        ana, [b"x"], kind="vcard", name="C:\\Users\\me\\..\\contacts.vcf"
    )
    assert upload.name == "contacts.vcf"
    assert upload.path.parent.name == "uploads"


# --- progress -----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_progress_endpoint_reports_running_then_done(
    client: Client, ana, settings, monkeypatch
):
    settings.NETLIFE_IMPORT_IN_BACKGROUND = True
    token = _token(_upload(client, "phone.vcf", ADA_CARD + GRACE_CARD))
    halfway, go_on = threading.Event(), threading.Event()
    real = previews.run_import

    def slow_import(network, loaded, *, skip_bad, advance):
        advance(1)
        halfway.set()
        assert go_on.wait(10)
        return real(network, loaded, skip_bad=skip_bad, advance=advance)

    monkeypatch.setattr(jobs, "run_import", slow_import)
    client.post(f"/import/{token}/confirm/")
    (thread,) = [
        t for t in threading.enumerate() if t.name.startswith("netlife-import")
    ]
    assert halfway.wait(10)

    running = client.get(f"/import/{token}/", headers=HTMX)
    body = running.content.decode()
    assert running.status_code == 200
    assert 'hx-trigger="every 1s"' in body
    assert (
        '<progress id="import-progress-bar" class="import-progress" max="2" value="1">'
        in body
    )
    assert "1 of 2 records (50%)" in body
    assert "<html" not in body  # the fragment only
    page = client.get(f"/import/{token}/").content.decode()
    assert "<html" in page and 'http-equiv="refresh"' in page  # for no JS

    go_on.set()
    thread.join(10)
    assert not thread.is_alive()
    done = client.get(f"/import/{token}/", headers=HTMX).content.decode()
    assert "every 1s" not in done
    assert "Imported" in done
    assert re.search(r"<dt>Added</dt><dd>2</dd>", done)
    assert _people(ana) == ["Ada Lovelace", "Grace Hopper"]


def test_a_failed_import_is_a_sentence_not_a_traceback(
    client: Client, ana, monkeypatch, caplog
):
    token = _token(_upload(client, "phone.vcf", ADA_CARD))

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(jobs, "run_import", broken)
    client.post(f"/import/{token}/confirm/")
    body = client.get(f"/import/{token}/", headers=HTMX).content.decode()
    assert "The import did not happen" in body
    assert "unexpected error, and nothing was written" in body
    assert "secret internals" not in body and "Traceback" not in body
    assert "every 1s" not in body
    assert "secret internals" in caplog.text  # logged for the curious
    assert "Try again" in body  # the upload was kept for that
    assert _people(ana) == []

    monkeypatch.undo()
    client.post(f"/import/{token}/confirm/")
    assert _people(ana) == ["Ada Lovelace"]


def test_an_import_error_shows_its_own_sentence(client: Client, ana, monkeypatch):
    token = _token(_upload(client, "phone.vcf", ADA_CARD))

    def refused(*args, **kwargs):
        raise ImportFailed("Nothing was imported: card 3 (line 9): no name.")

    monkeypatch.setattr(jobs, "run_import", refused)
    client.post(f"/import/{token}/confirm/")
    body = client.get(f"/import/{token}/").content.decode()
    assert "Nothing was imported: card 3 (line 9): no name." in body
    assert 'role="alert"' in body


def test_progress_of_an_unknown_import_is_404(client: Client, ana):
    assert client.get(f"/import/{'y' * 32}/", headers=HTMX).status_code == 404


# --- duplicates ---------------------------------------------------------------


def _import_cards(network: Network, text: str) -> None:
    contacts.import_contacts(network, vcard.read_vcards(text.encode()), source="vcard")


def _graces(network: Network) -> list[Person]:
    return list(
        Person.objects.filter(network=network, full_name="Grace Hopper").order_by("pk")
    )


def test_an_import_with_a_doubtful_match_leads_to_the_duplicates(client: Client, ana):
    _import_cards(ana, GRACE_CARD)
    token = _token(_upload(client, "other-phone.vcf", OTHER_GRACE_CARD))
    preview = client.get(f"/import/{token}/preview/").content.decode()
    assert "Maybe someone you already have" in preview
    assert re.search(r"<dt>To review</dt><dd>1</dd>", preview)
    client.post(f"/import/{token}/confirm/")
    result = client.get(f"/import/{token}/").content.decode()
    assert 'href="/import/duplicates/"' in result
    assert "Review 1 possible duplicate" in result


def test_the_duplicates_page_shows_both_sides_with_links(client: Client, ana):
    _import_cards(ana, GRACE_CARD)
    _import_cards(ana, OTHER_GRACE_CARD)
    first, second = _graces(ana)
    response = client.get("/import/duplicates/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="/people/{first.pk}/"' in body
    assert f'href="/people/{second.pk}/"' in body
    assert "415-555-0199" in body and "415-555-0123" in body
    assert "US Navy" in body
    assert "Merge (keep left)" in body and "Merge (keep right)" in body
    assert "Not the same person" in body
    assert "1 pair to review" in body


def test_merging_keeping_the_left_folds_the_right_in(client: Client, ana):
    _import_cards(ana, GRACE_CARD)
    _import_cards(ana, OTHER_GRACE_CARD)
    first, second = _graces(ana)
    response = client.post(
        "/import/duplicates/resolve/",
        {"a": first.pk, "b": second.pk, "decision": "keep-a"},
        follow=True,
    )
    body = response.content.decode()
    assert "Merged Grace Hopper into Grace Hopper." in body
    assert "No duplicates to review" in body
    (kept,) = _graces(ana)
    assert kept.pk == first.pk
    phones = ContactMethod.objects.filter(person=kept, kind="phone")
    assert phones.count() == 2
    assert MergeSuggestion.objects.filter(network=ana).count() == 0


def test_merging_keeping_the_right_with_htmx_swaps_the_list(client: Client, ana):
    _import_cards(ana, GRACE_CARD)
    _import_cards(ana, OTHER_GRACE_CARD)
    _import_cards(ana, ADA_CARD)
    _import_cards(
        ana,
        ADA_CARD.replace("ada-1", "ada-2")
        .replace("0100", "0111")
        .replace("EMAIL;TYPE=work:ada@engines.example\r\n", ""),
    )
    first, second = _graces(ana)
    response = client.post(
        "/import/duplicates/resolve/",
        {"a": first.pk, "b": second.pk, "decision": "keep-b", "page": 1},
        headers=HTMX,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert 'id="duplicates-status"' in body and "Merged Grace Hopper" in body
    assert "pair-" in body and "Ada Lovelace" in body  # the other pair stays
    assert f'href="/people/{first.pk}/"' not in body
    assert [p.pk for p in _graces(ana)] == [second.pk]


def test_not_the_same_person_keeps_both_and_stops_asking(client: Client, ana):
    _import_cards(ana, GRACE_CARD)
    _import_cards(ana, OTHER_GRACE_CARD)
    first, second = _graces(ana)
    response = client.post(
        "/import/duplicates/resolve/",
        {"a": first.pk, "b": second.pk, "decision": "not-same"},
        headers=HTMX,
    )
    body = response.content.decode()
    assert "are two people" in body
    assert "No duplicates to review" in body
    assert len(_graces(ana)) == 2
    assert MergeSuggestion.objects.get().status == MergeSuggestion.Status.DISMISSED
    third = OTHER_GRACE_CARD.replace("g2", "g3").replace("0123", "0456")
    _import_cards(ana, third)
    assert "Not the same person" in client.get("/import/duplicates/").content.decode()


def test_cara_s_suggestions_never_show_and_her_ids_are_refused(
    client: Client, ana, cara
):
    _import_cards(cara, GRACE_CARD)
    _import_cards(cara, OTHER_GRACE_CARD)
    first, second = _graces(cara)
    body = client.get("/import/duplicates/").content.decode()
    assert "No duplicates to review" in body
    assert "Grace Hopper" not in body
    for decision in ("keep-a", "keep-b", "not-same"):
        response = client.post(
            "/import/duplicates/resolve/",
            {"a": first.pk, "b": second.pk, "decision": decision},
        )
        assert response.status_code == 404
    mine = add_person(ana, name="Ada Lovelace")
    response = client.post(
        "/import/duplicates/resolve/",
        {"a": mine.pk, "b": second.pk, "decision": "keep-a"},
    )
    assert response.status_code == 404
    assert len(_graces(cara)) == 2
    assert MergeSuggestion.objects.get(network=cara).status == "open"
    assert Person.objects.filter(pk=mine.pk).exists()


def test_a_decision_that_cannot_be_read_is_a_400(client: Client, ana):
    response = client.post(
        "/import/duplicates/resolve/", {"a": "x", "b": 2, "decision": "keep-a"}
    )
    assert response.status_code == 400
    response = client.post(
        "/import/duplicates/resolve/", {"a": 1, "b": 2, "decision": "delete-all"}
    )
    assert response.status_code == 400
    assert client.get("/import/duplicates/resolve/").status_code == 405


def test_merging_a_person_with_themself_is_a_sentence(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace")
    response = client.post(
        "/import/duplicates/resolve/",
        {"a": ada.pk, "b": ada.pk, "decision": "keep-a"},
        follow=True,
    )
    assert "That is one person already." in response.content.decode()
    assert Person.objects.filter(pk=ada.pk).exists()


GIVEN = [
    "Ada",
    "Grace",
    "Alan",
    "Edsger",
    "Barbara",
    "Donald",
    "Frances",
    "Ken",
    "Radia",
    "Tim",
    "Margaret",
    "John",
    "Hedy",
    "Katherine",
    "Linus",
    "Guido",
    "Yukihiro",
    "Bjarne",
    "Dennis",
    "Niklaus",
    "Sophie",
    "Claude",
    "Annie",
    "Leslie",
    "Mary",
    "Evelyn",
    "Jean",
    "Carl",
    "Ida",
    "Shafi",
]
FAMILY = [
    "Lovelace",
    "Hopper",
    "Turing",
    "Dijkstra",
    "Liskov",
    "Knuth",
    "Allen",
    "Thompson",
    "Perlman",
    "Berners",
    "Hamilton",
    "McCarthy",
    "Lamarr",
    "Johnson",
    "Torvalds",
    "Rossum",
    "Matsumoto",
    "Stroustrup",
    "Ritchie",
    "Wirth",
    "Wilson",
    "Shannon",
    "Easley",
    "Lamport",
    "Keller",
    "Boyd",
    "Sammet",
    "Sagan",
    "Rhodes",
    "Goldwasser",
]


def _pairs_file(count: int, start: int = 0) -> str:
    """Two cards each of `count` people, with nothing but the name in common."""
    cards = []
    for n in range(start, start + count):
        name = f"{GIVEN[n]} {FAMILY[n]}"
        cards.append(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nUID:a{n}\r\n"
            f"EMAIL:p{n}@first.example\r\nEND:VCARD\r\n"
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nUID:b{n}\r\n"
            f"EMAIL:p{n}@second.example\r\nEND:VCARD\r\n"
        )
    return "".join(cards)


def test_the_duplicates_page_needs_the_same_queries_for_any_number_of_pairs(
    client: Client, ana, django_assert_num_queries, django_assert_max_num_queries
):
    _import_cards(ana, _pairs_file(3))
    client.get("/import/duplicates/")  # the CSRF cookie and warm caches
    with django_assert_max_num_queries(20) as few:
        body = client.get("/import/duplicates/").content.decode()
    assert "3 pairs to review" in body
    _import_cards(ana, _pairs_file(27, start=3))
    with django_assert_num_queries(len(few.captured_queries)):
        body = client.get("/import/duplicates/").content.decode()
    assert "30 pairs to review, page 1 of 2" in body
    assert body.count('class="pair card"') == 25


def test_the_duplicates_pages_and_fragment(client: Client, ana):
    _import_cards(ana, _pairs_file(30))
    body = client.get("/import/duplicates/", {"page": 2}).content.decode()
    assert body.count('class="pair card"') == 5
    assert 'rel="prev"' in body
    fragment = client.get("/import/duplicates/", {"page": 2}, headers=HTMX)
    assert "<html" not in fragment.content.decode()
    assert fragment.content.decode().count('class="pair card"') == 5
    assert client.get("/import/duplicates/", {"page": "zzz"}).status_code == 200


def test_the_pages_never_write_on_get(client: Client, ana, tmp_path):
    _import_cards(ana, GRACE_CARD)
    _import_cards(ana, OTHER_GRACE_CARD)
    token = _token(_upload(client, "phone.vcf", ADA_CARD))
    before = _rows_everywhere()
    for url in ("/import/", "/import/duplicates/", f"/import/{token}/preview/"):
        assert client.get(url).status_code == 200
    assert client.get(f"/import/{token}/").status_code == 302  # to its preview
    assert _rows_everywhere() == before


def test_the_preview_counts_what_the_import_service_s_dry_run_counts(ana):
    _import_cards(ana, ADA_CARD + GRACE_CARD)
    text = (
        ADA_CARD.replace("Mathematician", "Countess")  # updated
        + ADA_CARD.replace("ada-1", "ada-9")  # merged by email
        + OTHER_GRACE_CARD  # to review
        + BAD_CARD  # unreadable
        + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alan Turing\r\nEND:VCARD\r\n"  # new
    )
    upload = uploads.save_upload(ana, [text.encode()], kind="vcard", name="a.vcf")
    summary = previews.preview(ana, previews.load_file(upload))
    expected = contacts.import_contacts(
        ana, vcard.read_vcards(text.encode()), source="vcard", dry_run=True,
        skip_bad=True,
    )  # fmt: skip
    assert (
        summary.created,
        summary.updated,
        summary.merged,
        summary.unchanged,
        summary.review_count,
        len(summary.errors),
    ) == (
        expected.created,
        expected.updated,
        expected.merged,
        expected.unchanged,
        len(expected.review),
        len(expected.errors),
    )
    assert (summary.created, summary.merged, summary.review_count) == (2, 1, 1)
    assert [(s.name, s.verdict) for s in summary.samples] == [
        ("Ada Lovelace", "updated"),
        ("Ada Lovelace", "merged"),
        ("Grace Hopper", "new"),
        ("Alan Turing", "new"),
    ]
