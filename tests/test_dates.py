from datetime import date

import pytest

from comparer.mentions.dates import find_dates

REUTERS = ("WASHINGTON, Jan. 13 (Reuters) – US President Joe Biden told Japanese Prime Minister "
           "Fumio Kishida on Friday that the United States remains strongly committed")
KISHIDA = "Japanese Prime Minister Fumio Kishida on Thursday held a meeting with US President Joe Biden"
HIROSHIMA = "Biden arrived in Japan on May 18 to prepare for the G7 summit in Hiroshima from May 19-21."


def found(text: str, published: date | None = None) -> list[tuple[str, str | None, str]]:
    mentions = find_dates(text, published)
    for m in mentions:
        assert m.kind == "date"
        assert text[m.start:m.end] == m.text
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    return [(m.text, m.value, m.label) for m in mentions]


CASES = [
    (REUTERS, None, [("Jan. 13", "--01-13", "partial"), ("Friday", None, "relative")]),
    (REUTERS, date(2023, 1, 13), [("Jan. 13", "2023-01-13", "partial"),
                                  ("Friday", "2023-01-13", "relative")]),
    ("Jan. 13", date(2023, 1, 14), [("Jan. 13", "2023-01-13", "partial")]),
    ("Dec. 30", date(2023, 1, 2), [("Dec. 30", "2022-12-30", "partial")]),
    (KISHIDA, date(2023, 5, 19), [("Thursday", "2023-05-18", "relative")]),
    (HIROSHIMA, None, [("May 18", "--05-18", "partial"), ("May 19-21", "--05-19", "partial")]),
    (HIROSHIMA, date(2023, 5, 19), [("May 18", "2023-05-18", "partial"),
                                    ("May 19-21", "2023-05-19", "partial")]),
    ("on January 13, 2023", None, [("January 13, 2023", "2023-01-13", "absolute")]),
    ("on 13 January 2023", None, [("13 January 2023", "2023-01-13", "absolute")]),
    ("on the 13th of January", None, [("13th of January", "--01-13", "partial")]),
    ("since Sept. 5", None, [("Sept. 5", "--09-05", "partial")]),
    ("dated 2023-05-19", None, [("2023-05-19", "2023-05-19", "absolute")]),
    ("dated 5/19/2023", None, [("5/19/2023", "2023-05-19", "absolute")]),
    ("dated 19/5/2023", None, [("19/5/2023", "2023-05-19", "absolute")]),
    ("assumed a seat on January 1", date(2023, 1, 13), [("January 1", "2023-01-01", "partial")]),
    ("in April 2024", None, [("April 2024", "2024-04", "month")]),
    ("in August 2023", date(2024, 9, 21), [("August 2023", "2023-08", "month")]),
    ("imposed in October", date(2023, 1, 13), [("October", "2022-10", "month")]),
    ("imposed in October", None, [("October", "--10", "month")]),
    ("since 2019 and by 2030", None, [("2019", "2019", "year"), ("2030", "2030", "year")]),
    ("by mid-2023", None, [("2023", "2023", "year")]),
    ("today", date(2023, 5, 19), [("today", "2023-05-19", "relative")]),
    ("Yesterday", date(2023, 5, 19), [("Yesterday", "2023-05-18", "relative")]),
    ("tomorrow", date(2023, 5, 19), [("tomorrow", "2023-05-20", "relative")]),
    ("last week", date(2023, 5, 19), [("last week", "2023-05-12", "relative")]),
    ("last month", date(2023, 1, 13), [("last month", "2022-12", "relative")]),
    ("last year", date(2023, 1, 13), [("last year", "2022", "relative")]),
    ("last May", date(2023, 1, 13), [("last May", "2022-05", "relative")]),
    ("last May", date(2023, 5, 19), [("last May", "2022-05", "relative")]),
    ("last May", date(2023, 9, 1), [("last May", "2023-05", "relative")]),
    ("next Tuesday", date(2023, 5, 19), [("next Tuesday", "2023-05-23", "relative")]),
    ("last Friday", date(2023, 5, 19), [("last Friday", "2023-05-12", "relative")]),
    ("earlier this month", date(2023, 5, 19), [("earlier this month", "2023-05", "relative")]),
    ("two days ago", date(2023, 5, 19), [("two days ago", "2023-05-17", "relative")]),
    ("on Thursday", None, [("Thursday", None, "relative")]),
]
CASE_IDS = ["reuters-no-pub", "reuters-pub", "jan13-day-after", "year-boundary", "kishida-thursday",
            "may-range-no-pub", "may-range-pub", "month-day-year", "day-month-year", "ordinal-of",
            "sept-abbr", "iso", "us-slash", "day-first-slash", "january-1", "in-april-2024",
            "in-august-2023", "month-past", "month-no-pub", "years", "mid-year", "today",
            "yesterday", "tomorrow", "last-week", "last-month", "last-year", "last-may-jan",
            "last-may-in-may", "last-may-sept", "next-tuesday", "last-friday-on-friday",
            "earlier-this-month", "days-ago", "weekday-no-pub"]


@pytest.mark.parametrize("text,published,expected", CASES, ids=CASE_IDS)
def test_find_dates(text, published, expected):
    assert found(text, published) == expected


NOT_DATES = [
    "May I ask a question?",
    "The talks may continue and protesters march on.",
    "It rose to 2000 troops",
    "2% of GDP and 1,000 km",
    "March of the Penguins",
]
NOT_IDS = ["may-modal-capital", "lowercase-verbs", "count-not-year", "numbers", "march-noun"]


@pytest.mark.parametrize("text", NOT_DATES, ids=NOT_IDS)
def test_not_dates(text):
    assert found(text, date(2023, 5, 19)) == []


def test_offsets_in_longer_text():
    text = "Kishida met Biden on Thursday, May 18, 2023, and again in January after talks last month."
    assert found(text, date(2023, 5, 19)) == [
        ("Thursday", "2023-05-18", "relative"), ("May 18, 2023", "2023-05-18", "absolute"),
        ("January", "2023-01", "month"), ("last month", "2023-04", "relative")]


@pytest.mark.parametrize("text,value", [
    ("Posted MAY 3, 2013 at 5 pm", "2013-05-03"),
    ("On 3 MAY 2013 it rained", "2013-05-03"),
    ("07 / 08 / 13 09: 25 PM ET EDT", "2013-07-08"),
], ids=["capital-month", "capital-month-day-first", "spaced-slashes"])
def test_dateline_forms(text, value):
    (found,) = find_dates(text)
    assert found.value == value and text[found.start:found.end] == found.text


def test_capital_month_words_alone_are_not_dates():
    assert find_dates("The case of MAY and JUNE") == []


@pytest.mark.parametrize("text,expected", [
    ("closes at 6 p.m. EDT on Friday", ("6 p.m. EDT", "18:00", "UTC-4")),
    ("until 8am (AEST) today", ("8am (AEST)", "08:00", "UTC+10")),
    ("by 1018 GMT", ("1018 GMT", "10:18", "UTC+0")),
    ("at 4 p.m. ET.", ("4 p.m. ET", "16:00", "ET")),
    ("at 3 p.m. Arizona time", ("3 p.m. Arizona time", "15:00", "local")),
    ("at 10:56 a.m. on Monday", ("10:56 a.m.", "10:56", "")),
    ("at 9 p.m. The next day", ("9 p.m.", "21:00", "")),
], ids=["edt", "aest-in-brackets", "gmt-24h", "seasonal-zone", "named-local-time", "no-zone", "sentence-after"])
def test_a_clock_time_carries_the_zone_written_after_it(text, expected):
    from comparer.mentions.dates import find_times

    (time,) = find_times(text)
    assert (time.text, time.value, time.unit) == expected


@pytest.mark.parametrize("text,years", [
    ("They held a 2008 event in the town.", ["2008"]),
    ("Voters recalled the 2016 election.", ["2016"]),
    ("Then the 2000 troops arrived.", []),
    ("The 2019 taxes were paid late.", []),
], ids=["a-year-event", "the-year-election", "a-count-of-troops", "plural-noun"])
def test_a_year_before_a_noun_is_a_date(text, years):
    assert [m.value for m in find_dates(text) if m.label == "year"] == years
