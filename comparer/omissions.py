"""What one account reports that another does not: claims left without a partner.

A claim is missing from another account when alignment found it no partner there
and the other account does not carry its content in any one or two neighbouring
claims either (the same fact may be split or merged differently). Only whole
sentences count: a fragment or a lone quotation is not a report of its own. The
omission is marked as carrying a new fact (medium) when the claim gives a number or a
date, or two names, that the other account never mentions, names someone or something
another account names too (a claim about none of the event's people and things is
background or another matter), is mostly the reporter's words (a claim that is mostly
quotation is colour more often than fact), and is not dated well before the event
(background).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator, Sequence

from comparer.align import Link, claim_features
from comparer.textunits import ClaimIndex
from comparer.types import Claim

_MIN_WORDS = 6
_COVERED = 0.5  # share of a claim's content words and values found nearby in the other account
_COLOUR = 0.5  # share of a claim in quotation marks above which its omission is colour, not fact
_BACKGROUND = 14  # days before the event by which a dated claim is background


def omissions(index: ClaimIndex, by_doc: dict[str, list[Claim]], links: Sequence[Link],
              event_dates: dict[str, dt.date | None] | None = None, headlines: frozenset[str] = frozenset()
              ) -> Iterator[tuple[Claim, list[tuple[str, bool]]]]:
    """Each claim missing from some accounts, with ``(document, carries a new fact)`` for each.

    A claim dated well before its account's event (``event_dates``) is background: an
    earlier episode, never a new fact of this one. A headline (a claim id in ``headlines``)
    and the first sentence after it, the lead, sum up the event every account reports: they
    are never omissions, however differently the others word it."""
    event_dates = event_dates or {}
    summing_up = set(headlines)
    for claims in by_doc.values():
        lead = next((c for c in claims if c.id not in headlines), None)
        if lead is not None:
            summing_up.add(lead.id)
    partners: dict[str, set[str]] = {}
    for link in links:
        partners.setdefault(link.a.id, set()).add(link.b.document)
        partners.setdefault(link.b.id, set()).add(link.a.document)
    docs = [d for d, claims in by_doc.items() if claims]
    feats = {c.id: claim_features(index, c) for d in docs for c in by_doc[d]}
    windows = {d: _Windows([feats[c.id] for c in by_doc[d]]) for d in docs}
    values = {d: frozenset(f for c in by_doc[d] for f in feats[c.id] if f[:2] in ("e:", "n:"))
              for d in docs}
    written = {d: frozenset(w for c in by_doc[d] for w in _NAME_WORD.findall(c.text)) for d in docs}
    for doc_id in docs:
        for claim in by_doc[doc_id]:
            if len(index.tokens(claim)) < _MIN_WORDS or not _stands_alone(claim) or claim.id in summing_up:
                continue
            mine = feats[claim.id]
            anchored = _anchored(index, claim, mine, [o for o in docs if o != doc_id], values, written)
            missing = []
            for other in docs:
                if other == doc_id or other in partners.get(claim.id, ()):
                    continue
                if mine and windows[other].most_shared(mine) >= _COVERED * len(mine):
                    continue
                new = {f for f in mine if f[:2] in ("e:", "n:")} - values[other]
                # A new value (number or date), or two new names: a fact the other account lacks.
                concrete = any(f.startswith("n:") for f in new) or sum(f.startswith("e:") for f in new) >= 2
                missing.append((other, concrete and anchored and _quoted_share(claim) < _COLOUR
                                and not _earlier(claim, event_dates.get(doc_id))))
            if missing:
                yield claim, missing


_NAME_WORD = re.compile(r"\b[A-Z][\w'’-]+")


def _anchored(index: ClaimIndex, claim: Claim, features: frozenset[str], others: list[str],
              values: dict[str, frozenset[str]], written: dict[str, frozenset[str]]) -> bool:
    """The claim names someone or something another account names too (as the same entity, or
    the same capitalised word: "Mattis" opening a sentence is no entity there): it is about this
    event, not background on other people or another matter."""
    names = {f for f in features if f.startswith("e:")}
    if any(names & values[o] for o in others):
        return True
    words = {w for m in claim.mentions if m.kind == "entity" for w in _NAME_WORD.findall(m.text)}
    return any(words & written[o] for o in others)


class _Windows:
    """Each claim's features, and each two neighbouring claims' together, with an index from
    feature to windows: the most any window shares with a claim is counted from the claim's
    own features, not by comparing it with every window."""

    def __init__(self, feature_sets: list[frozenset[str]]):
        windows = [*feature_sets, *(x | y for x, y in zip(feature_sets, feature_sets[1:]))]
        self.holding: dict[str, list[int]] = {}
        for k, window in enumerate(windows):
            for feature in window:
                self.holding.setdefault(feature, []).append(k)

    def most_shared(self, features: frozenset[str]) -> int:
        counts = Counter(k for f in features for k in self.holding.get(f, ()))
        return max(counts.values(), default=0)


def _earlier(claim: Claim, event: dt.date | None) -> bool:
    """Whether the claim names a day, month or year that ended ``_BACKGROUND`` or more before
    the event ("in October", "in 1980", "last month" for a story of late December)."""
    if event is None:
        return False
    for m in claim.mentions:
        end = _period_end(str(m.value)) if m.kind == "date" and m.value else None
        if end is not None and (event - end).days >= _BACKGROUND:
            return True
    return False


def _period_end(value: str) -> dt.date | None:
    """The last day of an ISO year, month or day ("1980", "2018-10", "2018-12-18")."""
    parts = value.split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            return dt.date(int(parts[0]), 12, 31)
        if len(parts) == 2 and len(parts[0]) == 4:
            year, month = int(parts[0]), int(parts[1])
            return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        if len(parts) == 3 and len(parts[0]) == 4:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
    except ValueError:
        return None
    return None


def _quoted_share(claim: Claim) -> float:
    return sum(m.end - m.start for m in claim.mentions if m.kind == "quote" and m.label != "speech") / \
        max(1, len(claim.text))


def _stands_alone(claim: Claim) -> bool:
    """A claim that is more than a quotation: some words stand outside the quotation marks."""
    return _quoted_share(claim) < 0.8
