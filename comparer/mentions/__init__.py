"""Reading a document into claims with their mentions: the one place the extractors meet."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re

from comparer.config import Config
from comparer.mentions.cues import find_cues
from comparer.mentions.dates import find_dates, find_times
from comparer.mentions.entities import Gazetteer, capitalised_mid_sentence, find_entities, lower_case_words
from comparer.mentions.numbers import find_numbers
from comparer.mentions.quotes import find_quotes
from comparer.segment import split_claims
from comparer.types import Claim, Document, Mention

__all__ = ["read_claims", "event_date", "gazetteer_for"]


def gazetteer_for(config: Config) -> Gazetteer:
    """The alias gazetteer of a configuration, built once per set of tables."""
    key = (id(config.aliases), id(config.capitals), id(config.entity_types))
    if key not in _GAZETTEERS:
        if len(_GAZETTEERS) >= 8:
            del _GAZETTEERS[next(iter(_GAZETTEERS))]
        # The config stays referenced with its gazetteer, so the ids in the key are not reused.
        _GAZETTEERS[key] = (config, _build_gazetteer(config))
    return _GAZETTEERS[key][1]


_GAZETTEERS: dict[tuple[int, int, int], tuple[Config, Gazetteer]] = {}


def _build_gazetteer(config: Config) -> Gazetteer:
    aliases = {city: city for city in config.capitals if city not in config.aliases}
    aliases.update(config.aliases)
    types = {city: "place" for city in config.capitals}
    types.update(config.entity_types)
    for surface, canonical in list(aliases.items()):
        plural = surface + "s"
        if types.get(canonical) == "place" and _DEMONYM.fullmatch(surface) and plural not in aliases:
            aliases[plural] = canonical  # "Iranian" names Iran, and so do "the Iranians"
    return Gazetteer.build(aliases, types)


# A one-word name of a people, whose plural names them too ("Iranian", "Israeli"); "Chinese" has none.
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|i)")


def read_claims(doc: Document, config: Config | None = None) -> tuple[Claim, ...]:
    """Split ``doc`` into claims and find every mention in each (offsets into ``doc.text``)."""
    config = config or _default_config()
    gazetteer = gazetteer_for(config)
    text = doc.text
    known = capitalised_mid_sentence(text)
    lower = lower_case_words(text)
    pieces = split_claims(text)
    per_claim: list[list[Mention]] = []
    for piece in pieces:
        entities = find_entities(piece.text, gazetteer, known_capitalised=known, known_lower=lower,
                                 offset=piece.start)
        per_claim.append(entities)
    surnames = _surname_index(m for ms in per_claim for m in ms)

    claims: list[Claim] = []
    last_person: str | None = None
    for index, (piece, entities) in enumerate(zip(pieces, per_claim), start=1):
        entities = [_resolve_surname(m, surnames) for m in entities]
        mentions: list[Mention] = list(entities)
        dates = [m.shifted(piece.start) for m in find_dates(piece.text, doc.published)]
        times = [t.shifted(piece.start) for t in find_times(piece.text)]
        dates += [t for t in times if not _overlaps(t, dates)]
        mentions += dates
        mentions += [m.shifted(piece.start) for m in find_numbers(piece.text)
                     if m.label != "year" and not _overlaps(m.shifted(piece.start), dates)]
        quotes = find_quotes(piece.text, entities, offset=piece.start)
        if piece.speaker:
            speaker_entities = find_entities(piece.speaker, gazetteer)
            speaker = str(speaker_entities[0].value) if speaker_entities else piece.speaker
            speaker = _resolve_surname(Mention("entity", 0, 0, speaker, speaker, label="person"),
                                       surnames).value
            quotes.append(Mention("quote", piece.start, piece.end, piece.text, speaker, label="speech"))
        for quote in quotes:
            value = quote.value
            if value in ("he", "she", "who"):  # the nearest person before the quote
                before = [m for m in entities if m.label == "person" and m.end <= quote.start]
                value = str(before[-1].value) if before else last_person
            mentions.append(dataclasses.replace(quote, value=value))
        mentions += find_cues(piece.text, offset=piece.start)
        mentions.sort(key=lambda m: (m.start, m.end))
        for mention in entities:
            if mention.label == "person":
                last_person = str(mention.value)
        claims.append(Claim(f"{doc.id}#{index}", doc.id, index, piece.start, piece.end, piece.text,
                            tuple(mentions), piece.cut))
    return tuple(claims)


def event_date(doc: Document, claims: tuple[Claim, ...], lede: int = 3) -> dt.date | None:
    """When the reported event happened: the first full date of the lede, else the publication date."""
    for claim in claims[:lede]:
        for mention in claim.mentions:
            if mention.kind == "date" and isinstance(mention.value, str) and len(mention.value) == 10 \
                    and mention.value[:1].isdigit():
                try:
                    return dt.date.fromisoformat(mention.value)
                except ValueError:
                    continue
    return doc.published


def _overlaps(mention: Mention, others: list[Mention]) -> bool:
    return any(mention.start < o.end and o.start < mention.end for o in others)


def _surname_index(entities) -> dict[str, str]:
    """Last name -> full name, for names of two or more words that are the only one with it."""
    full: dict[str, set[str]] = {}
    for mention in entities:
        if mention.label not in ("person", "other") or not isinstance(mention.value, str):
            continue
        words = mention.value.split()
        if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            full.setdefault(words[-1], set()).add(mention.value)
    return {last: next(iter(names)) for last, names in full.items() if len(names) == 1}


def _resolve_surname(mention: Mention, surnames: dict[str, str]) -> Mention:
    if mention.label in ("person", "other") and isinstance(mention.value, str) \
            and " " not in mention.value and mention.value in surnames:
        return dataclasses.replace(mention, value=surnames[mention.value], label="person")
    return mention


@functools.lru_cache(maxsize=1)
def _default_config() -> Config:
    return Config()
