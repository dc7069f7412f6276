"""Forms for adding and editing people: parse and explain, never write.

The views hand the cleaned data to people.services; a service's own
NetlifeError becomes an error beside the field there.
"""

from datetime import date
from typing import Any

from django import forms

from netlife.core.errors import NetlifeError
from netlife.engines import cadence
from netlife.engines.contact_values import clean_text, looks_like_email
from netlife.people import services
from netlife.people.models import Person

TAG_MAX = 64  # Tag.name's max_length

TIER_LABELS: dict[str, str] = {
    tier: f"{tier} ({days} days)" if days else f"{tier} (not tracked)"
    for tier, days in cadence.TIER_DAYS.items()
}
AUTO_LABEL = f"{cadence.AUTO_TIER} (from tie strength)"
TIER_CHOICES = [(cadence.AUTO_TIER, AUTO_LABEL), *TIER_LABELS.items()]


def split_tags(text: str) -> list[str]:
    tags = [clean_text(t).casefold() for t in text.split(",")]
    tags = [t for t in tags if t]
    for t in tags:
        if len(t) > TAG_MAX:
            raise forms.ValidationError(
                f"A tag is {TAG_MAX} characters at most; “{t[:20]}…” is longer."
            )
    return sorted(set(tags))


def _email(value: str) -> str:
    value = clean_text(value)
    if value and not looks_like_email(value):
        raise forms.ValidationError(f"“{value}” is not an email address.")
    return value


def _phone(value: str) -> str:
    value = clean_text(value)
    if value and not any(ch.isdigit() for ch in value):
        raise forms.ValidationError(f"“{value}” is not a phone number.")
    return value


class _PersonFields(forms.Form):
    name = forms.CharField(
        max_length=300,
        error_messages={"required": "A person needs a name."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    organization = forms.CharField(
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    title = forms.CharField(max_length=300, required=False, label="Job title")
    tags = forms.CharField(
        max_length=1000,
        required=False,
        help_text="Separate tags with commas, e.g. mentor, alumni.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    tier = forms.ChoiceField(
        choices=TIER_CHOICES,
        initial=cadence.AUTO_TIER,
        label="Keep-in-touch tier",
        help_text="How often to be in touch. Auto derives it from tie strength.",
    )
    how_met = forms.CharField(
        max_length=2000,
        required=False,
        label="How you met",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    prospect = forms.BooleanField(
        required=False,
        label="A prospect: someone I know of and want to reach, not yet a contact",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_tags(self) -> list[str]:
        return split_tags(self.cleaned_data["tags"])

    def focus_first_error(self) -> None:
        """Put the keyboard on the first field to correct when sent back."""
        for name in self.fields:
            if name in self.errors:
                self.fields[name].widget.attrs["autofocus"] = True
                return


class AddPersonForm(_PersonFields):
    email = forms.CharField(
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    field_order = (
        "name", "email", "organization", "title", "tags", "tier", "how_met",
        "prospect",
    )  # fmt: skip

    def clean_email(self) -> str:
        return _email(self.cleaned_data["email"])


class EditPersonForm(_PersonFields):
    location = forms.CharField(max_length=300, required=False)
    met_on = forms.DateField(
        required=False,
        label="Met on",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Write the date as YYYY-MM-DD."},
    )
    birthday = forms.CharField(
        max_length=10,
        required=False,
        help_text="YYYY-MM-DD, or MM-DD when you do not know the year.",
    )
    cadence_days = forms.IntegerField(
        required=False,
        min_value=cadence.MIN_CADENCE_DAYS,
        max_value=cadence.MAX_CADENCE_DAYS,
        label="Keep in touch every … days",
        help_text="Overrides the tier's number of days. Leave blank to follow "
        "the tier.",
    )
    notes = forms.CharField(
        max_length=20000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    add_email = forms.CharField(
        max_length=254,
        required=False,
        label="Add an email",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    add_phone = forms.CharField(max_length=64, required=False, label="Add a phone")
    add_url = forms.CharField(
        max_length=500,
        required=False,
        label="Add a web address",
        widget=forms.URLInput(attrs={"autocomplete": "off"}),
    )
    remove = forms.MultipleChoiceField(
        required=False,
        label="Remove an address",
        widget=forms.CheckboxSelectMultiple,
    )
    field_order = (
        "name", "organization", "title", "location", "tags", "tier",
        "cadence_days", "how_met", "met_on", "birthday", "notes", "prospect",
        "add_email", "add_phone", "add_url", "remove",
    )  # fmt: skip

    def __init__(self, *args: Any, person: Person, current: Any, **kwargs: Any):
        self.person = person
        self.current = current  # the PersonSummary: tags, emails, phones, urls
        values = [*current.emails, *current.phones, *current.urls]
        birthday = ""
        if person.birthday_month and person.birthday_day:
            birthday = f"{person.birthday_month:02}-{person.birthday_day:02}"
            if person.birthday_year:
                birthday = f"{person.birthday_year:04}-{birthday}"
        kwargs.setdefault(
            "initial",
            {
                "name": person.full_name,
                "organization": person.organization.name if person.organization else "",
                "title": person.title,
                "location": person.location,
                "tags": ", ".join(current.tags),
                "tier": person.tier or cadence.AUTO_TIER,
                "cadence_days": person.cadence_days,
                "how_met": person.how_met,
                "met_on": person.met_on,
                "birthday": birthday,
                "notes": person.notes,
                "prospect": person.kind == Person.Kind.PROSPECT,
            },
        )
        super().__init__(*args, **kwargs)
        remove = self.fields["remove"]
        assert isinstance(remove, forms.MultipleChoiceField)
        remove.choices = [(v, v) for v in values]
        if not values:
            del self.fields["remove"]

    def clean_add_email(self) -> str:
        return _email(self.cleaned_data["add_email"])

    def clean_add_phone(self) -> str:
        return _phone(self.cleaned_data["add_phone"])

    def clean_met_on(self) -> date | None:
        value: date | None = self.cleaned_data["met_on"]
        if value is None and self.person.met_on is not None:
            raise forms.ValidationError(
                "A meeting date can be changed here but not removed."
            )
        return value

    def clean_birthday(self) -> services.Birthday | None:
        text = self.cleaned_data["birthday"].strip()
        if not text:
            if self.person.birthday_month:
                raise forms.ValidationError(
                    "A birthday can be changed here but not removed."
                )
            return None
        try:
            return services.parse_birthday(text)
        except NetlifeError as exc:
            raise forms.ValidationError(str(exc)) from None

    def changes(self) -> services.PersonChanges:
        data = self.cleaned_data
        tags: list[str] = data["tags"]
        current_tags = set(self.current.tags)
        person = self.person
        return services.PersonChanges(
            name=data["name"],
            organization=data["organization"],
            title=data["title"],
            location=data["location"],
            how_met=data["how_met"],
            met_on=data["met_on"],
            birthday=data["birthday"],
            notes=data["notes"],
            tier=data["tier"],
            cadence_days=data["cadence_days"],
            clear_cadence=data["cadence_days"] is None
            and person.cadence_days is not None,
            add_emails=[data["add_email"]] if data["add_email"] else [],
            add_phones=[data["add_phone"]] if data["add_phone"] else [],
            add_urls=[data["add_url"]] if data["add_url"] else [],
            remove_values=data.get("remove") or [],
            add_tags=sorted(set(tags) - current_tags),
            remove_tags=sorted(current_tags - set(tags)),
            make_prospect=data["prospect"] and person.kind != Person.Kind.PROSPECT,
            make_contact=not data["prospect"] and person.kind != Person.Kind.CONTACT,
        )
