"""Mentions found in the seed documents: what a fact-checker checks first."""

from __future__ import annotations

import pytest

import comparer
from comparer.config import Config, config_from_dict
from comparer.mentions import gazetteer_for
from comparer.mentions.entities import find_entities
from tests.conftest import SEED


def _mentions(name, kind):
    report = comparer.claims(comparer.load([SEED[name]]))
    return report, [(c, m) for c in report.claims for m in c.mentions if m.kind == kind]


def test_001_on_thursday_resolves_against_publication_date():
    report, dates = _mentions("001", "date")
    claim, thursday = next((c, m) for c, m in dates if m.text == "Thursday")
    assert thursday.value == "2023-05-18" and thursday.label == "relative"
    assert "on Thursday held a meeting" in claim.text
    assert report.documents[0].event_date.isoformat() == "2023-05-18"


def test_000_rok_is_south_korea():
    _, entities = _mentions("000", "entity")
    values = {m.text: m.value for _, m in entities}
    assert values["ROK"] == "South Korea"
    assert values["Republic of Korea"] == "South Korea"


def test_004_partial_date_and_number_with_unit():
    _, dates = _mentions("004", "date")
    jan13 = next(m for _, m in dates if m.text.startswith("Jan. 13"))
    assert jan13.value == "--01-13" and jan13.label == "partial"
    _, numbers = _mentions("004", "number")
    km = next(m for _, m in numbers if m.unit == "km")
    assert (km.text, km.value) == ("1,000 km", 1000.0)
    assert any(m.unit == "%" and m.value == 2.0 for _, m in numbers)


def test_quotes_carry_their_speakers():
    _, quotes = _mentions("002", "quote")
    speakers = {m.text[:20]: m.value for _, m in quotes}
    assert speakers["the cornerstone of p"] == "Fumio Kishida"
    assert speakers["The bottom line is t"] == "Joe Biden"


def test_negation_and_hedge_cues():
    _, negations = _mentions("004", "negation")
    assert any(m.text == "hasn’t" for _, m in negations)
    _, hedges = _mentions("004", "hedge")
    assert any(m.text.lower() == "likely" for _, m in hedges)


def test_alias_table_is_extended_by_config():
    config = config_from_dict({"aliases": {"place": {"Narnia": ["Kingdom of Narnia", "KN"]}}})
    found = find_entities("Troops from KN entered the Kingdom of Narnia.", gazetteer_for(config))
    assert [m.value for m in found] == ["Narnia", "Narnia"]
    assert "Narnia" not in Config().aliases


def test_acronym_aliases_match_only_in_capitals():
    gaz = gazetteer_for(Config())
    assert [m.value for m in find_entities("Give us the WHO report.", gaz)] == ["World Health Organization"]
    assert find_entities("They told us who won.", gaz) == []


@pytest.mark.parametrize("text,names", [
    ("The Oregon State Nurses Association sued.", [("Oregon State Nurses Association", "other")]),
    ("The Home Office said so.", [("Home Office", "other")]),
    ("Health Secretary Ann Ray spoke.", [("Ann Ray", "person")]),
    ("He met Secretary of State Tom Vale.", [("Tom Vale", "person")]),
    ("State Secretary Karl Berg came.", [("Karl Berg", "person")]),
], ids=["state-in-a-name", "home-office", "health-secretary", "secretary-of-state", "state-secretary"])
def test_a_ministry_word_is_a_title_only_beside_one(text, names):
    found = find_entities(text, gazetteer_for(Config()))
    assert [(m.text, m.label) for m in found] == names


def test_surname_resolves_to_full_name_in_document():
    doc = comparer.Document.from_text("Senator Jane Roe spoke on Monday. Later, Roe left the building.", id="d")
    report = comparer.claims([doc])
    values = [m.value for c in report.claims for m in c.mentions if m.kind == "entity"]
    assert values == ["Jane Roe", "Jane Roe"]


def test_a_speaker_described_by_role_is_that_description():
    doc = comparer.Document.from_text('"We will not back down," the House speaker continued.', id="x")
    quotes = [m for c in comparer.claims([doc]).claims for m in c.mentions if m.kind == "quote"]
    assert [q.value for q in quotes] == ["house speaker"]


def test_cues_from_their_word_lists_with_the_exceptions_kept_in_code():
    from comparer.mentions.cues import find_cues

    found = [(m.kind, m.text) for m in find_cues(
        "He no longer works there; No. 5 said no matter what it may be, they refused and "
        "won’t go, in order to avoid a crash; they avoided it, reportedly, in May 2023.")]
    assert found == [("negation", "no longer"), ("hedge", "may"), ("negation", "refused"),
                     ("negation", "won’t"), ("negation", "avoided"), ("hedge", "reportedly")]
