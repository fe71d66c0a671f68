"""Reading the article of a page: what a reader sees, with exact offsets."""

from __future__ import annotations

import sys

import pytest

from comparer.article import ExtractorMissing, read_article

PROSE = [
    "The city council voted on Tuesday to approve a new budget of 12 million dollars for road repairs.",
    "Mayor Ana Ortiz said the repairs would start in March and last about two years, weather permitting.",
    "Opposition members argued that the plan left out the northern districts, where most complaints come from.",
    "The council will publish the list of streets to be repaired next week, a spokesman told reporters.",
    "Residents can comment on the list during a public hearing scheduled for the end of the month.",
    "The last comparable program, in 2015, cost eight million dollars and was finished a year late.",
]


def _page(body: str, head: str = "", wrap: tuple[str, str] = ("", "")) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Council approves road budget</title>{head}"
            f"</head><body>{wrap[0]}<nav><a href='/'>Home</a> <a href='/city'>City</a></nav>{body}"
            f"<footer><p>Copyright 2024 The Daily Example. All rights reserved.</p></footer>{wrap[1]}</body></html>")


def _paragraphs(items) -> str:
    return "".join(f"<p>{p}</p>" for p in items)


def test_body_split_into_parts_is_read_whole():
    body = (f"<article><h1>Council approves road budget</h1><div class='article-body'>{_paragraphs(PROSE[:3])}</div>"
            "<div class='ad'><span>Advertisement</span></div>"
            f"<div class='article-body'>{_paragraphs(PROSE[3:])}</div></article>")
    article = read_article(_page(body))
    assert article.text.split("\n\n") == PROSE


def test_headline_and_standfirst_are_metadata_not_body():
    dek = "A plan to fix the city's roads passed after a long debate."
    head = f"<meta name='description' content=\"{dek}\"><meta property='og:site_name' content='The Daily Example'>"
    body = f"<article><h1>Council approves road budget</h1><p>{dek}</p>{_paragraphs(PROSE)}</article>"
    article = read_article(_page(body, head))
    assert article.title == "Council approves road budget" and article.source == "The Daily Example"
    assert article.text.split("\n\n") == PROSE


@pytest.mark.parametrize("furniture", [
    "<p><a href='/a'>Mayor unveils plan for a new tram line along the river</a> | "
    "<a href='/b'>School budget talks stall again as unions and the city disagree</a></p>",
    "<ul><li><a href='/a'>Mayor unveils plan for a new tram line along the river</a></li>"
    "<li><a href='/b'>School budget talks stall again as unions and the city disagree</a></li></ul>",
], ids=["links-paragraph", "links-list"])
def test_lists_of_other_articles_are_dropped(furniture):
    body = f"<article>{_paragraphs(PROSE[:3])}{furniture}{_paragraphs(PROSE[3:])}</article>"
    assert read_article(_page(body)).text.split("\n\n") == PROSE


def test_a_page_wide_form_is_not_furniture():
    body = f"<article><div class='article-body'>{_paragraphs(PROSE)}</div></article>"
    wrapped = read_article(_page(body, wrap=("<form id='page' action='/'>", "</form>")))
    assert wrapped.text.split("\n\n") == PROSE


def test_date_and_canonical_address_come_from_the_page():
    head = ("<link rel='canonical' href='https://daily.example/city/roads'>"
            "<meta property='article:published_time' content='2024-03-05T09:00:00Z'>")
    article = read_article(_page(f"<article>{_paragraphs(PROSE)}</article>", head), url="http://127.0.0.1/x")
    assert (article.published, article.url) == ("2024-03-05", "https://daily.example/city/roads")


def test_page_with_an_xml_declaration_is_read():
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + _page(f"<article>{_paragraphs(PROSE)}</article>")
    assert read_article(page).text.split("\n\n") == PROSE


def test_missing_extractor_is_one_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(ExtractorMissing, match="--html-mode all"):
        read_article(_page(_paragraphs(PROSE)))


def test_extractor_failure_loses_that_page_only(tmp_path, monkeypatch):
    import trafilatura

    import comparer
    from comparer.errors import InputError

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    page = tmp_path / "deep.html"
    page.write_text(_page(_paragraphs(PROSE)), encoding="utf-8")
    text = tmp_path / "note.txt"
    text.write_text(PROSE[0], encoding="utf-8")
    with pytest.raises(InputError) as caught:
        comparer.load([page, text])
    assert [str(p) for p in caught.value.problems] == [
        f"{page}: the article extractor failed on the page (RecursionError: maximum recursion depth exceeded)"]
    assert [d.id for d in caught.value.documents] == ["note.txt"]
