import pytest

from comparer.mentions import numbers
from comparer.mentions.numbers import find_numbers

JAPAN = ("Japan’s military reform plan will double defense spending to 2% of GDP and purchase "
         "missiles capable of hitting ships or land targets 1,000 km (600 mi) away.")


def found(text: str) -> list[tuple[str, float, str, str]]:
    mentions = find_numbers(text)
    for m in mentions:
        assert m.kind == "number"
        assert text[m.start:m.end] == m.text
        assert isinstance(m.value, float)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    return [(m.text, m.value, m.unit, m.label) for m in mentions]


CASES = [
    (JAPAN, [("2%", 2.0, "%", ""), ("1,000 km", 1000.0, "km", ""),
             ("600 mi", 600.0, "mi", "conversion")]),
    ("about 12 miles (19 km) south", [("12 miles", 12.0, "mi", ""),
                                       ("19 km", 19.0, "km", "conversion")]),
    ("a $68.7 billion deal", [("$68.7 billion", 68.7e9, "USD", "")]),
    ("raised $1.5bn and £3m", [("$1.5bn", 1.5e9, "USD", ""), ("£3m", 3e6, "GBP", "")]),
    ("€20 or A$4.56 or US$5", [("€20", 20.0, "EUR", ""), ("A$4.56", 4.56, "AUD", ""),
                              ("US$5", 5.0, "USD", "")]),
    ("fined $US1.2 million and $A45,500 in costs", [("$US1.2 million", 1.2e6, "USD", ""),
                                                     ("$A45,500", 45500.0, "AUD", "")]),
    ("5 dollars and 300 euros", [("5 dollars", 5.0, "USD", ""), ("300 euros", 300.0, "EUR", "")]),
    ("1.2 million", [("1.2 million", 1200000.0, "", "")]),
    ("1.2 million people fled", [("1.2 million people", 1200000.0, "people", "")]),
    ("growth of two percent", [("two percent", 2.0, "%", "")]),
    ("two per cent and 4.4 pct", [("two per cent", 2.0, "%", ""), ("4.4 pct", 4.4, "%", "")]),
    ("up 2.5 percentage points", [("2.5 percentage points", 2.5, "pp", "")]),
    ("the blast killed 12", [("12", 12.0, "", "")]),
    ("it sold 50 copies", [("50 copies", 50.0, "copies", "")]),
    ("figures of 2,500.75 and 0.5 and .5", [("2,500.75", 2500.75, "", ""), ("0.5", 0.5, "", ""),
                                           (".5", 0.5, "", "")]),
    ("the index fell -5% on the day", [("-5%", -5.0, "%", "")]),
    ("a dozen eggs", [("a dozen eggs", 12.0, "eggs", "")]),
    ("half a million", [("half a million", 500000.0, "", "")]),
    ("two hundred and five", [("two hundred and five", 205.0, "", "")]),
    ("twenty-five soldiers", [("twenty-five soldiers", 25.0, "soldiers", "")]),
    ("Two leaders met", [("Two leaders", 2.0, "leaders", "")]),
    ("a two-year term", [("two-year", 2.0, "year", "")]),
    ("two-thirds of voters", [("two-thirds", 2 / 3, "", "")]),
    ("over 5k runners", [("5k runners", 5000.0, "runners", "")]),
    ("5 million pounds and 200 pounds", [("5 million pounds", 5e6, "GBP", ""),
                                         ("200 pounds", 200.0, "lb", "")]),
    ("the 13th time, the first step", [("13th", 13.0, "", "ordinal"),
                                       ("first", 1.0, "", "ordinal")]),
    ("in 2023 and since 2019", [("2023", 2023.0, "", "year"), ("2019", 2019.0, "", "year")]),
    ("in the 1990s", [("1990s", 1990.0, "", "decade")]),
    ("one of the US' leading universities", []),  # membership, not a count
    ("from 5 to 7", [("5", 5.0, "", ""), ("7", 7.0, "", "")]),
    ("under Pillar 2 of AUKUS", [("2", 2.0, "", "")]),
    ("fell 2, 000 feet", [("2, 000 feet", 2000.0, "ft", "")]),
    ("flights 101, 202 and 303", [("101", 101.0, "", ""), ("202", 202.0, "", ""), ("303", 303.0, "", "")]),
    ("a magnitude 6. 0 tremor", [("6. 0", 6.0, "", "")]),
    ("between $80 and $90 million", [("$80", 80e6, "USD", ""), ("$90 million", 90e6, "USD", "")]),
    ("5 to 10 million people", [("5", 5e6, "", ""), ("10 million people", 10e6, "people", "")]),
    ("a two - million - euro booty", [("two - million - euro", 2e6, "EUR", "")]),
    ("served 4½ months, a 2 1/2 year term", [("4½ months", 4.5, "month", ""), ("2 1/2 year", 2.5, "year", "")]),
    ("6 in 10 voters, one out of five, 3 in 2020", [("6 in 10", 60.0, "%", ""), ("one out of five", 20.0, "%", ""),
                                                    ("3", 3.0, "", ""), ("2020", 2020.0, "", "year")]),
    ("Garcia, 27, and a 45-year-old man", [("27", 27.0, "", "age"), ("45-year", 45.0, "year", "age")]),
    ("a 170,000-square-foot warehouse of 5,000 sq m", [("170,000-square-foot", 170000.0, "ft2", ""),
                                                      ("5,000 sq m", 5000.0, "m2", "")]),
]
CASE_IDS = ["japan-conversion", "miles-km", "usd-billion", "bn-m-abbr", "currency-prefixes", "currency-after-dollar-sign",
            "currency-words", "million", "million-people", "two-percent", "per-cent-pct",
            "percentage-points", "killed-12", "generic-noun", "decimals", "negative", "dozen",
            "half-a-million", "hundred-and", "hyphen-tens", "capitalised-word", "hyphen-unit",
            "fraction", "k-abbr", "pounds", "ordinals", "years", "decade", "one-of-membership", "range-words",
            "pillar-2", "spaced-thousands", "list-of-numbers", "spaced-decimal", "shared-scale",
            "shared-scale-of-a-count", "spaced-compound-adjective", "mixed-fractions", "shares", "ages",
            "areas"]


@pytest.mark.parametrize("text,expected", CASES, ids=CASE_IDS)
def test_find_numbers(text, expected):
    assert found(text) == expected


NOT_NUMBERS = [
    "the G7 summit in Hiroshima from May 19-21",
    "at 4:17 a.m. local time",
    "by 5 p.m. on Friday",
    "COVID-19 and F-35 jets and B-52 bombers",
    "WASHINGTON, Jan. 13 (Reuters) –",
    "on 13 January 2023 and 2023-05-19 and 5/19/2023",
    "call (202) 555-0100 now",
    "call 0800 432 987 or 0800 432987 or 0161 496 0311",
    "seized AK - 47 rifles and F - 35 jets",
    "at 3: 40 a. m. and 12: 52 p. m.",
    "open 24/7 with 5G and 3D",
    "no one came",
    "a two-way street",
    "served 41 / 2 months",
    "served 41\u20442 months",
    "served 4\ufffd months",
]
NOT_IDS = ["g7-may-range", "clock-am", "clock-pm", "identifiers", "dateline", "dates",
           "phone", "phones-spaced", "name-with-spaced-hyphen", "clock-spaced", "slash-and-glued", "no-one", "hyphen-word",
           "fraction-split-by-spaces", "fraction-slash", "replacement-character"]


@pytest.mark.parametrize("text", NOT_NUMBERS, ids=NOT_IDS)
def test_not_numbers(text):
    assert found(text) == []


def test_offsets_in_longer_text():
    text = "Kishida said 3,000 troops and $5 million would arrive within 10 days, officials said."
    assert found(text) == [("3,000 troops", 3000.0, "troops", ""), ("$5 million", 5e6, "USD", ""),
                           ("10 days", 10.0, "day", "")]


WORDS = sorted(numbers._WORD_VALUES) + sorted(numbers._ORDINALS)


@pytest.mark.parametrize("word", WORDS, ids=WORDS)
def test_every_number_word_is_found(word):
    for form in (word, word.capitalize()):
        text = f"they said {form} today"
        label = "ordinal" if word in numbers._ORDINALS else ""
        value = float(numbers._ORDINALS.get(word, numbers._WORD_VALUES.get(word, 0)))
        assert found(text) == [(form, value, "", label)]


CODES = numbers._CODES_ALT.split("|")


@pytest.mark.parametrize("code", CODES, ids=CODES)
def test_every_currency_code_is_found(code):
    assert found(f"paid {code} 300 and 300 {code}") == [(f"{code} 300", 300.0, code, ""),
                                                        (f"300 {code}", 300.0, code, "")]
