"""Quantities in a claim: numbers with their unit, currency, percent or scale word.

A small grammar of our own: general number parsers were measured to misread
"1.2 million". One compiled alternation is scanned once per text; dates, clock
times and phone numbers are matched by a ``skip`` branch first, and lookbehinds
refuse digits glued to letters ("G7", "F-35", and as a tokeniser spaces a capital's "AK - 47"),
so neither is reported.

Labels: "ordinal" (13th, second), "year" (a bare 1900-2100 integer), "decade"
("1990s"), "conversion" (a parenthesised restatement of the previous quantity,
"1,000 km (600 mi)"), "age" ("Garcia, 27,", "a 45-year-old"), otherwise "".
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from comparer.types import Mention

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_VALUES: dict[str, int] = {w: i for i, w in enumerate(_ONES)}
_WORD_VALUES.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
_ORDINALS: dict[str, int] = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
_ORDINALS.update({"thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100})
# Scale words as powers of ten: "68.7" + "e9" parses to exactly 68700000000.0.
_SCALES: dict[str, int] = {"thousand": 3, "k": 3, "million": 6, "m": 6, "mn": 6, "mln": 6,
                           "billion": 9, "b": 9, "bn": 9, "bln": 9, "trillion": 12, "tn": 12}
_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
              "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}

_CURRENCY_PREFIX = {"$": "USD", "us$": "USD", "u.s.$": "USD", "a$": "AUD", "au$": "AUD",
                    "c$": "CAD", "ca$": "CAD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD",
                    "r$": "BRL", "$us": "USD", "$a": "AUD", "$au": "AUD", "$nz": "NZD", "$c": "CAD",
                    "$ca": "CAD", "$hk": "HKD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "rs": "INR",
                    "rs.": "INR", "₩": "KRW", "₽": "RUB"}
_CODES_ALT = "USD|EUR|GBP|JPY|CNY|AUD|CAD|CHF|INR|RUB|KRW|HKD|SGD|NZD"

# Canonical unit -> surface forms (matched case-insensitively, longest first).
_UNITS: dict[str, tuple[str, ...]] = {
    "%": ("%", "percent", "per cent", "per-cent", "pct"),
    "pp": ("percentage points", "percentage point", "pp", "ppt"),
    "km": ("km", "kms", "kilometres", "kilometre", "kilometers", "kilometer"),
    "m": ("m", "metres", "metre", "meters", "meter"),
    "cm": ("cm", "centimetres", "centimetre", "centimeters", "centimeter"),
    "mm": ("mm", "millimetres", "millimetre", "millimeters", "millimeter"),
    "mi": ("mi", "miles", "mile"),
    "nmi": ("nautical miles", "nautical mile", "nmi"),
    "ft": ("ft", "feet", "foot"),
    "in": ("inches", "inch"),
    "km2": ("sq km", "km2", "km²", "square kilometres", "square kilometers", "square kilometre",
            "square kilometer"),
    "mi2": ("sq mi", "square miles", "square mile"),
    "m2": ("sq m", "m2", "m²", "square metres", "square meters", "square metre", "square meter"),
    "ft2": ("sq ft", "ft2", "ft²", "square feet", "square foot"),
    "ha": ("hectares", "hectare"),
    "acre": ("acres", "acre"),
    "kg": ("kg", "kgs", "kilograms", "kilogram", "kilogrammes", "kilos"),
    "g": ("grams", "gram", "grammes"),
    "t": ("tonnes", "tonne", "tons", "ton", "metric tons", "metric tonnes"),
    "lb": ("lb", "lbs", "pounds", "pound"),
    "l": ("litres", "litre", "liters", "liter"),
    "gal": ("gallons", "gallon"),
    "bbl": ("barrels", "barrel"),
    "bpd": ("bpd", "barrels per day", "barrels a day"),
    "s": ("seconds", "second", "secs", "sec"),
    "min": ("minutes", "minute", "mins", "min"),
    "h": ("hours", "hour", "hrs", "hr"),
    "day": ("days", "day"),
    "week": ("weeks", "week"),
    "month": ("months", "month"),
    "year": ("years", "year", "yrs"),
    "decade": ("decades", "decade"),
    "century": ("centuries", "century"),
    "mph": ("mph", "miles per hour", "miles an hour"),
    "km/h": ("km/h", "kph", "kmh", "kilometres per hour", "kilometers per hour",
             "kilometres an hour", "kilometers an hour"),
    "kn": ("knots", "knot"),
    "kW": ("kw", "kilowatts", "kilowatt"), "MW": ("mw", "megawatts", "megawatt"),
    "GW": ("gw", "gigawatts", "gigawatt"), "kWh": ("kwh",), "MWh": ("mwh",),
    "GWh": ("gwh",), "TWh": ("twh",),
    "°C": ("°c", "degrees celsius", "degrees centigrade", "degrees c"),
    "°F": ("°f", "degrees fahrenheit", "degrees f"),
    "deg": ("degrees", "degree"),
    "USD": ("dollars", "dollar", "us dollars", "u.s. dollars", "bucks", "usd"),
    "AUD": ("australian dollars", "aud"), "CAD": ("canadian dollars", "cad"),
    "HKD": ("hong kong dollars", "hkd"), "NZD": ("new zealand dollars", "nzd"),
    "EUR": ("euros", "euro", "eur"), "GBP": ("pounds sterling", "british pounds", "sterling", "gbp"),
    "JPY": ("yen", "jpy"), "CNY": ("yuan", "renminbi", "rmb", "cny"),
    "INR": ("rupees", "rupee", "inr"), "RUB": ("roubles", "rubles", "rouble", "ruble", "rub"),
    "CHF": ("swiss francs", "chf"), "KRW": ("krw",), "SGD": ("sgd",),
}
_UNIT_OF = {form: unit for unit, forms in _UNITS.items() for form in forms}


def _alt(words: Iterable[str]) -> str:
    """Regex alternation of literal words, longest first, a space matching any whitespace or a
    hyphen ("square-metre")."""
    items = sorted(set(words), key=lambda w: (-len(w), w))  # a fixed order: the same pattern every run
    return "|".join(re.escape(w).replace(r"\ ", r"(?:\s+|\s?-\s?)") for w in items)


def _cap(words: Iterable[str]) -> str:
    """Lower-case words, first letter either case, grouped by that letter.

    Each branch then starts with a character class, which the regex engine
    rejects in one step: this keeps the scan fast at every word start.
    """
    by_first: dict[str, list[str]] = {}
    for w in words:
        by_first.setdefault(w[0], []).append(w[1:])
    return "|".join(f"[{c.upper()}{c}](?:{_alt(rest)})" for c, rest in sorted(by_first.items()))


_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?)?"
_SKIP = "|".join([
    r"\d{1,2}:\s?\d{2}(?::\d{2})?(?:\s*[apAP]\.?\s?[mM]\b\.?)?",       # 4:17 a.m., "4: 17 a. m."
    r"\d{1,2}(?:\.\d{2})?\s*(?:[apAP]\.?[mM]\b\.?|o['’]clock)",          # 4 p.m.
    r"(?:[01]\d|2[0-3])[0-5]\d(?=\s?(?:GMT|UTC)\b)",            # 0417 GMT
    _MONTH + r"\s+(?:" + _DAY + r"(?:,?\s+\d{4})?|\d{4})(?!\d)",        # May 19-21, 2023
    _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+\d{4})?",               # 19 May 2023
    r"\d{4}-\d{2}-\d{2}|\d+(?:/\d+)+|\d+(?:\.\d+){2,}",                 # ISO, 5/19/2023, 24/7, 1.2.3
    r"(?:19|20)\d\d[-–]\d\d(?!\d)",                                     # 2022-23
    r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\d{2,4}[\s.-])\d{3,4}[\s.-]\d{4}(?!\d)",  # phones
    r"(?<![\d,.-])\d{3}-\d{4}(?![\d-])",                                # a local phone: 555-1234
    r"(?<![\d,.])0\d{2,4}[\s-](?:\d{3,4}[\s-]?\d{3,4}|\d{6,8})(?![\d,])",   # 0800 432 987, 0800 432987
])
_SMALL = rf"(?:(?:{_cap(_TENS)})(?:[-\s](?:{_cap(_ONES[1:10])}))?|{_cap(_ONES)})\b"
_HUNDREDS = rf"{_SMALL}(?:\s+hundred\b(?:\s+(?:and\s+)?{_SMALL})?)?"
_A = r"(?:[Hh]alf\s+an?|[Aa]n?)"
_WORD = (rf"{_A}(?:\s+(?:hundred|dozen)\b|(?=\s+(?:thousand|million|billion|trillion)\b))"
         rf"|{_HUNDREDS}(?:\s+dozen\b)?")
# A plural noun after a count ("50 copies"): lower case, not a function word or verb.
_NOUN = (r"(?!(?:was|has|as|its|yes|perhaps|always|towards|afterwards|besides|does|goes|says|"
         r"whereas|sometimes|seems|remains|means|gets|makes|takes|comes|becomes)\b)"
         r"[a-z]{1,24}(?<![siu])s\b|people|children|men|women|police|personnel|staff|cattle")

# "2, 000" is a number a tokeniser spaced, unless it reads as a list ("flights 101, 202 and 303").
_NOT_LISTED = r"(?!(?:,\s?|\s(?:and|or)\s)\d{1,3}\b(?!,))"
_ORDW = rf"(?<!-)(?P<ordw>{_cap(_ORDINALS)})\b"
_WORD_LEAD = rf"(?<!\b[Nn]o\s)(?P<word>{_WORD})(?:-(?P<frac>{_alt(_FRACTIONS)})\b)?"
_QTY_TAIL = rf"""
  (?:(?:\s|\s?-\s?)?(?P<scale>(?i:thousand|million|billion|trillion))\b)?
  (?:(?(scale)(?:\s|\s?-\s?)|(?:\s|-))?(?P<unit>(?i:{_alt(_UNIT_OF)}))(?!\w) | \s(?P<noun>{_NOUN}))?
  (?(word)(?!-[^\W\d_]))
  (?!\w)"""
# The first letters of every number word, for a cheap test before the grammar.
_WORD_START = (r"[Zz]ero|[Oo]ne|[Tt](?:w[oe]|hr|hir|en)|[Ff](?:our|ort|i[vfr])|[Ss](?:ix|even|econd)"
               r"|[Ee](?:ight|leven)|[Nn]in[eth]|[Hh](?:alf|undredth)|[Aa]n?\s|[Mm]inus")
# Case-sensitive on purpose: month names must be capitalised, and number words
# match as "two" or "Two" only (see _cap). Both patterns are run on " " + text
# and begin by consuming the character before the mention: a leading character
# class lets the regex engine skip to candidate positions without trying the
# whole pattern at each one; the lookahead then keeps only plausible starts
# (digits, symbols, number words, months, currency codes).
_NUMBER = re.compile(rf"""
  [^\w.,] (?=[\d$£€¥₹₩₽+(.\-−] | {_WORD_START} | Jan|Feb|Ma[ry]|Apr|Ju[nl]|Aug|Sep|Oct|Nov|Dec
            | U[S.] | A[U$] | C[AHN$] | NZ | HK | [SR]\$ | R[sU] | EUR | GBP | JPY | INR | KRW | SGD )
  (?: (?P<skip>{_SKIP})
    | (?<![\w.,'’])(?P<decade>(?:1[89]|20)\d0s)\b
    | (?<![\w.,])(?P<ordd>\d{{1,4}}(?:st|nd|rd|th))\b
    | {_ORDW}
    | (?<![\w.,])(?<![^\W\d_]-)(?<![A-Z]\s-\s)
      (?P<neg>[-−](?=[.\d])|[Mm]inus\s+)?
      (?P<cur>(?:US\$|U\.S\.\s?\$|AU?\$|CA?\$|NZ\$|HK\$|S\$|R\$|\$(?:US|AU?|NZ|CA?|HK)(?=\d)|\$|£|€|¥|₹|₩|₽|Rs\.?
                |(?:{_CODES_ALT})(?=\s?\d))\s?)?
      (?: (?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:,\s?\d{{3}})+(?!\d){_NOT_LISTED}|\d+(?:\.\s?\d+)?|\.\d+)
          (?P<part>\s?[½¼¾⅓⅔]|\s[1-3]/[2-4](?![\d/]))?
          (?:(?P<abbr>(?i:bn|mn|mln|bln|tn|k|m|b))\b|\s(?P<abbr2>(?i:bn|mn|mln|bln|tn))\b)?
        | {_WORD_LEAD} )
      {_QTY_TAIL}
  )""", re.VERBOSE)
# Most sentences have no digit: then only spelled-out numbers can match, and
# this smaller pattern (same group names; the digit ones never match) is used.
_WORDS_ONLY = re.compile(rf"""
  [^\w.,] (?={_WORD_START})
  (?: {_ORDW}
    | (?<![^\W\d_]-)(?P<neg>[Mm]inus\s+)?{_WORD_LEAD}{_QTY_TAIL}
  )
  (?:(?!)(?P<skip>)(?P<decade>)(?P<ordd>)(?P<cur>)(?P<num>)(?P<part>)(?P<abbr>)(?P<abbr2>))?
""", re.VERBOSE)
_HAS_DIGIT = re.compile(r"[\d$£€¥₹₩₽]")
_TOKEN = re.compile(r"[a-z]+")
_YEAR_CONTEXT = re.compile(r"\b(?:in|since|until|till|during|before|after|by)\s+$", re.IGNORECASE)
_CONV_OPEN = re.compile(r"\s*\(\s*(?:(?:about|around|roughly|some|nearly|almost|approximately|or)\s+|~)?")
_CONV_CLOSE = re.compile(r"\s*\)")


_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}


def _part(written: str) -> float:
    """The fraction of a mixed number: "½", "1/2"."""
    if written in _VULGAR:
        return _VULGAR[written]
    top, bottom = written.split("/")
    return int(top) / int(bottom)


def _word_value(words: str) -> float:
    """Value of a spelled-out number: "two hundred and five", "half a", "a dozen"."""
    total: int | None = None
    factor = 1.0
    for tok in _TOKEN.findall(words.lower()):
        if tok in _WORD_VALUES:
            total = (total or 0) + _WORD_VALUES[tok]
        elif tok == "hundred":
            total = (1 if total is None else total) * 100
        elif tok == "dozen":
            total = (1 if total is None else total) * 12
        elif tok == "half":
            factor = 0.5
    return (1 if total is None else total) * factor


def word_value(words: str) -> float | None:
    """Value of a count written in number words only ("fifteen", "twenty one"); else None.

    >>> word_value("twenty one"), word_value("several")
    (21.0, None)
    """
    tokens = _TOKEN.findall(words.lower())
    if not tokens or not all(t in _WORD_VALUES or t in ("hundred", "dozen", "and") for t in tokens):
        return None
    return float(_word_value(words))


def find_numbers(text: str) -> list[Mention]:
    """All quantities in ``text``, sorted by start; offsets are relative to ``text``."""
    out: list[Mention] = []
    pattern = _NUMBER if _HAS_DIGIT.search(text) else _WORDS_ONLY
    for m in pattern.finditer(" " + text):
        kind = m.lastgroup
        if kind == "skip":
            continue
        start, end = m.start(), m.end() - 1     # match = one character before + mention
        if kind in ("ordd", "ordw", "decade"):
            found = text[start:end]
            if kind == "ordd":
                value = float(found[:-2])
            elif kind == "ordw":
                value = float(_ORDINALS[found.lower()])
            else:
                value = float(found[:4])
            out.append(Mention("number", start, end, found, value, "", "decade" if kind == "decade"
                               else "ordinal"))
            continue
        num, cur, word, frac, abbr, abbr2, scale, unit_text, noun, neg = m.group(
            "num", "cur", "word", "frac", "abbr", "abbr2", "scale", "unit", "noun", "neg")
        if word is not None and word.lower() == "one" and not (scale or abbr or unit_text or noun) \
                and text[end:end + 4].lower() == " of ":
            continue  # "one of his earliest supporters": membership, not a count
        cur_key = "".join(cur.split()) if cur else ""
        unit = _CURRENCY_PREFIX.get(cur_key.lower(), cur_key.upper())
        abbr = (abbr or abbr2 or "").lower()
        if abbr == "m" and not cur and not (unit_text or noun):   # "100m" is metres
            unit, abbr, unit_text = "m", "", None
        power = (_SCALES[abbr] if abbr else 0) + (_SCALES[scale.lower()] if scale else 0)
        if num is not None:
            value = float(f"{''.join(num.replace(',', '').split())}e{power}")
            if m.group("part") and "." not in num:
                value += _part(m.group("part").strip()) * 10 ** power  # "4½ months", "2 1/2 years"
        else:
            value = _word_value(word) * 10 ** power
            if frac:
                value /= _FRACTIONS[frac.lower()]
        if unit_text and not unit:
            key = " ".join(unit_text.lower().replace("-", " ").split())
            unit = _UNIT_OF[key]
            if unit == "lb" and key.startswith("pound") and (scale or abbr):
                unit = "GBP"                   # "5 million pounds" is money, not weight
        if noun and not unit and value != 1:
            unit = noun
        elif noun:                             # "one remains": not a unit; trim it off
            end = m.start("noun") - 2
        if neg:
            value = -value
        label = ""
        if (num is not None and len(num) == 4 and num.isdigit() and 1900 <= value <= 2100
                and not cur and not abbr and not scale and not unit_text):
            if not noun or _YEAR_CONTEXT.search(text, max(0, start - 8), start):
                label, unit = "year", ""
                if noun:
                    end = m.start("noun") - 2
        out.append(Mention("number", start, end, text[start:end], value, unit, label))
    out = [m for m in out if not _unreadable(text, m)]
    _mark_conversions(text, out)
    _share_scales(text, out)
    _mark_ages(text, out)
    return _as_shares(text, out)


# A slash set off by spaces between digits ("41 / 2": text tokenised word by word), or the
# fraction slash that a decomposed "½" leaves ("41⁄2"); "9/11" and "24/7" are read as written.
_SLASH_AFTER = re.compile(r"(?:\s+/\s+|\s*⁄\s*)\d")
_SLASH_BEFORE = re.compile(r"\d(?:\s+/\s+|\s*⁄\s*)$")


def _unreadable(text: str, mention: Mention) -> bool:
    return unreadable_figure(text, mention.start, mention.end)


def unreadable_figure(text: str, start: int, end: int) -> bool:
    """Whether the figure at ``text[start:end]`` cannot be read as a quantity: one side of a
    fraction split apart ("41 / 2", "41⁄2" where "4½" was), or next to a character that decoding
    replaced (U+FFFD, "4\ufffd months")."""
    if "\ufffd" in text[max(0, start - 1):end + 1]:
        return True
    return bool(_SLASH_AFTER.match(text, end) or _SLASH_BEFORE.search(text[max(0, start - 8):start]))


_SHARE = re.compile(r"\b(\d{1,3}|" + "|".join(_ONES[1:11]) + r")\s+(?:in|out\s+of)\s+([2-9]|10|100|1,?000|"
                    + "|".join(_ONES[2:11]) + r"|a\s+hundred)\b(?!\s*(?:" + _alt(_UNIT_OF) + r")\b)", re.IGNORECASE)


def _as_shares(text: str, found: list[Mention]) -> list[Mention]:
    """"7 in 10 farmers", "one out of five": a share, in percent (60, 20), in place of its two
    numbers."""
    if " in " not in text and " out of " not in text:
        return found
    shares = []
    for m in _SHARE.finditer(text):
        part, whole = (float(g.replace(",", "")) if g[0].isdigit() else _word_value(g) for g in m.groups())
        if 0 < part < whole:
            shares.append(Mention("number", m.start(), m.end(), m.group(), 100 * part / whole, "%", ""))
    if not shares:
        return found
    kept = [f for f in found if not any(s.start <= f.start < s.end for s in shares)]
    return sorted(kept + shares, key=lambda mention: mention.start)


_AGE_AFTER_NAME = re.compile(r"[A-Z][\w.'’-]*,\s$")
_AGE_END = re.compile(r"\s?(?:[,;)]|\.(?!\d)|$)")
_YEAR_OLD = re.compile(r"-\s?old\b|\s+old\b", re.IGNORECASE)


def _mark_ages(text: str, found: list[Mention]) -> None:
    """Label ages "age": "Garcia, 27, was detained" (a bare number set off after a name) and
    "a 38-year-old man". An age is compared with ages only, not with a count nearby."""
    for i, m in enumerate(found):
        if m.label or not isinstance(m.value, float) or not 0 < m.value < 130:
            continue
        after_name = not m.unit and _AGE_AFTER_NAME.search(text, max(0, m.start - 40), m.start) \
            and _AGE_END.match(text, m.end)
        year_old = m.unit == "year" and _YEAR_OLD.match(text, m.end)
        if after_name or year_old:
            found[i] = dataclasses.replace(m, label="age")


_PAIRED = re.compile(r"\s*(?:and|or|to|[-–])\s*")
_SCALE_WORD = re.compile(r"(?i)(?<=[\d\s])(thousand|million|billion|trillion|bn|mn|mln|bln|tn|k|m|b)\b")


def _share_scales(text: str, found: list[Mention]) -> None:
    """"$80 and $90 million": the first of two paired amounts takes the scale word of the
    second when it has none of its own."""
    for i in range(len(found) - 1):
        first, second = found[i], found[i + 1]
        scale = _SCALE_WORD.search(second.text)
        if (scale is None or first.label or _SCALE_WORD.search(first.text) or first.unit not in ("", second.unit)
                or not _PAIRED.fullmatch(text, first.end, second.start)):
            continue
        if second.unit == "m" and scale.group(1).lower() == "m":
            continue  # "100m" is metres
        power = _SCALES[scale.group(1).lower()]
        found[i] = dataclasses.replace(first, value=float(f"{first.value!r}e{power}"))


def _mark_conversions(text: str, found: list[Mention]) -> None:
    """Label "600 mi" in "1,000 km (600 mi)" as a conversion of the quantity before it."""
    for i in range(1, len(found)):
        prev, cur = found[i - 1], found[i]
        if not (prev.unit and cur.unit and prev.unit != cur.unit and prev.label != "conversion"):
            continue
        opener = _CONV_OPEN.match(text, prev.end, cur.start)
        if opener and opener.end() == cur.start and _CONV_CLOSE.match(text, cur.end):
            found[i] = Mention("number", cur.start, cur.end, cur.text, cur.value, cur.unit, "conversion")
