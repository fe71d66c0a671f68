"""Properties that hold for any text: every claim and mention quotes its document exactly."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import comparer
from comparer.ingest import read_inputs

# Pieces news text is made of, and the awkward ones: CRLF, a byte order mark, combining marks,
# right-to-left scripts, odd spaces, quotes and brackets.
TOKENS = st.sampled_from([
    "Biden", "Kishida", "U.S.", "South Korea", "ROK", "Mr.", "Jan.", "13", "1,000", "km", "(600 mi)", "$68.7",
    "billion", "percent", "on", "Thursday", "May", "2023", "said", "did", "not", "agree", "will", "may",
    "and", "the", "talks", ".", ",", ";", ":", "!", "?", "\"", "“", "”", "'", "(", ")", "-", "—", "…",
    " ", " ", " ", "\n", "\r\n", "\n\n", "\t", "\u00a0", "\u2028", "\ufeff", "e\u0301", "\u0301", "Zoë",
    "שלום", "مرحبا", "\u200f", "\u202e", "日本", "S/", "BIDEN:", "---", "###", "date 2023-05-19 ",
])
TEXTS = st.one_of(
    st.lists(TOKENS, min_size=1, max_size=60).map("".join),
    st.text(min_size=1, max_size=300),
)


def _check(document: comparer.Document) -> None:
    report = comparer.claims([document])
    (read,) = report.documents
    for claim in report.claims:
        assert read.text[claim.start:claim.end] == claim.text
        for mention in claim.mentions:
            assert read.text[mention.start:mention.end] == mention.text, mention


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_claims_and_mentions_quote_the_document_text(text):
    try:
        document = comparer.Document.from_text(text, id="x")
    except ValueError:  # malformed front matter: an input error, reported as such
        return
    _check(document)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXTS, st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_claims_of_a_file_quote_the_text_as_read(tmp_path, text, encoding):
    path = tmp_path / "doc.txt"
    try:
        path.write_bytes(text.encode(encoding))
    except UnicodeEncodeError:  # lone surrogates cannot be written in any encoding
        return
    documents, _problems = read_inputs([path])
    for document in documents:
        _check(document)
