"""Claim splitting: sentences, ";" parts, abbreviations, quotes, speaker labels, furniture."""

from __future__ import annotations

import pytest

import comparer
from comparer.segment import is_furniture, split_claims
from tests.conftest import SEED

CASES = [
    ("us-before-capital", "He met U.S. President Joe Biden. They talked.",
     ["He met U.S. President Joe Biden.", "They talked."]),
    ("us-ends-sentence", "The plan was approved by the U.S. The talks ended.",
     ["The plan was approved by the U.S.", "The talks ended."]),
    ("titles", "Mr. Biden and Gov. Newsom met Dr. Fauci. No. 10 said so.",
     ["Mr. Biden and Gov. Newsom met Dr. Fauci.", "No. 10 said so."]),
    ("month-abbreviation", "WASHINGTON, Jan. 13 (Reuters) - Talks began. They ended.",
     ["WASHINGTON, Jan. 13 (Reuters) - Talks began.", "They ended."]),
    ("initial", "President Joseph R. Biden, Jr. met Kishida. He left.",
     ["President Joseph R. Biden, Jr. met Kishida.", "He left."]),
    ("bn", "Revenue rose to $5 bn. The company said.", ["Revenue rose to $5 bn.", "The company said."]),
    ("quote-spans-sentences", '"We agreed. We will act," the statement said. Next.',
     ['"We agreed. We will act," the statement said.', "Next."]),
    ("semicolon", "The army advanced toward the city; the rebels retreated into the hills.",
     ["The army advanced toward the city;", "the rebels retreated into the hills."]),
    ("semicolon-list", "Guests: Ann, 5; Bob, 6.", ["Guests: Ann, 5; Bob, 6."]),
    ("semicolon-serial-list", "The panel heard Ann Lee, the former city treasurer; Bob Ray, the deputy mayor of "
     "the city; and Cy Young, the auditor. It adjourned.",
     ["The panel heard Ann Lee, the former city treasurer; Bob Ray, the deputy mayor of the city; and Cy Young, "
      "the auditor.", "It adjourned."]),
    ("semicolon-in-brackets", "Ann Lee (born 12 May 1950 in Leeds; died 3 June 2010 in York) was a poet.",
     ["Ann Lee (born 12 May 1950 in Leeds; died 3 June 2010 in York) was a poet."]),
    ("lowercase-after-period", "He arrived at 5 p.m. local time.", ["He arrived at 5 p.m. local time."]),
    ("spaced-decimal", "A magnitude 6. 0 tremor rattled the valley. It passed.",
     ["A magnitude 6. 0 tremor rattled the valley.", "It passed."]),
    ("period-after-bracket", "She had a 98-64 record (. 605) in Denver. Then she left.",
     ["She had a 98-64 record (. 605) in Denver.", "Then she left."]),
    ("year-ends-sentence", "He was born in 1987. 15 people came.", ["He was born in 1987.", "15 people came."]),
    ("serial-list-with-abbreviations", "The panel heard Mary T. Olsen, the former F.A.A. administrator; Paul K. "
     "Brandt, the deputy secretary; and R. Lee Grant, the inspector general. It adjourned.",
     ["The panel heard Mary T. Olsen, the former F.A.A. administrator; Paul K. Brandt, the deputy secretary; "
      "and R. Lee Grant, the inspector general.", "It adjourned."]),
    ("serial-list-with-a-title-abbreviation", "Among the hurt were Ana Ruiz, an aide to Ohio Rep. Ruth Lane; and "
     "two park rangers, Officers Lee Moss and Dan Pike. The station closed.",
     ["Among the hurt were Ana Ruiz, an aide to Ohio Rep. Ruth Lane; and two park rangers, Officers Lee Moss and "
      "Dan Pike.", "The station closed."]),
]


@pytest.mark.parametrize("text,expected", [(t, e) for _, t, e in CASES], ids=[c[0] for c in CASES])
def test_split_claims(text, expected):
    pieces = split_claims(text)
    assert [p.text for p in pieces] == expected
    assert all(text[p.start:p.end] == p.text for p in pieces)


def test_speaker_label_is_not_part_of_the_claim():
    text = "S/ Kishida Fumio, Prime Minister of Japan: I would like this meeting to succeed."
    (piece,) = split_claims(text)
    assert piece.text == "I would like this meeting to succeed."
    assert piece.speaker == "Kishida Fumio, Prime Minister of Japan"


def test_hard_wrapped_paragraphs_are_joined():
    text = ("The leaders discussed their respective diplomacy with\nthe People's Republic of China and\n"
            "their shared concerns about coercive and destabilizing\nactivities in the region.\n\n"
            "They also reaffirmed their commitment\nto developing critical and emerging\ntechnologies.")
    assert [p.text.split()[0] for p in split_claims(text)] == ["The", "They"]


FURNITURE = ["Source link", "Comment (0)", "Leave a Comment", "\\###", "###",
             "Reporting by Jeff Mason and Tim Ahmann; Edited by Don Durfee",
             "Our Standards: The Thomson Reuters Principles of Trust.",
             "Read or Share this story: http://exmpl.ws/7qTz3Rw", "A fire truck. (Photo: File/The Daily Courier)",
             "Updated 7: 05 p. m.", "Monday, Mar 4, 2019 | Updated 7: 12 PM EDT", "April 2, 2018 11:45 AM ET",
             "Story Created: Jun 2, 2015 at 8: 05 AM AKDT", "on Oct 14 2016, 4: 27p"]


@pytest.mark.parametrize("line", FURNITURE, ids=range(len(FURNITURE)))
def test_page_furniture_is_not_a_claim(line):
    assert is_furniture(line)


def test_real_sentences_are_not_furniture():
    assert not is_furniture("Reporters asked the minister about the budget.")
    assert not is_furniture("Source: officials said 12 people died.")
    assert not is_furniture("On May 2 at 12:52 he was arrested.")


def test_no_seed_claim_is_furniture_and_offsets_slice_back(seeds_dir):
    docs = comparer.load([seeds_dir])
    report = comparer.claims(docs)
    by_id = {d.id: d for d in report.documents}
    assert report.claims
    for claim in report.claims:
        text = by_id[claim.document].text
        assert text[claim.start:claim.end] == claim.text
        assert not is_furniture(claim.text)
        for mention in claim.mentions:
            assert text[mention.start:mention.end] == mention.text
            assert claim.start <= mention.start <= mention.end <= claim.end
    texts = [c.text for c in report.claims]
    for line in ("Source link", "Comment (0)", "Leave a Comment", "\\###"):
        assert line not in texts
    assert not any(t.startswith(("Reporting by", "Our Standards")) for t in texts)


def test_seed_003_speaker_turns_are_quotes_with_speakers():
    report = comparer.claims(comparer.load([SEED["003"]]))
    speeches = [m for c in report.claims for m in c.mentions if m.kind == "quote" and m.label == "speech"]
    assert [m.value for m in speeches] == ["Fumio Kishida", "Joe Biden", "Fumio Kishida", "Fumio Kishida",
                                           "Joe Biden"]
