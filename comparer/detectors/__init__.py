"""Discrepancy detectors: one function per kind, run on every pair of aligned claims.

Each detector has the signature ``detect(pair: Pair, ctx: Context) -> Iterator[Finding]``
and yields findings with document offsets for both sides. ``DETECTORS`` is the
registry, a list of ``(kind, function)`` pairs run in this order; the first finding
for a pair of spans wins. A kind may have more than one function (``entity``: names
swapped in a slot, predicate nouns that differ, and
modifiers that differ before one predicate noun, a name said to be the only one
against another, and different doers of one act). Omissions are found by ``comparer.diff`` from the
alignment itself, since they concern a claim without a partner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from comparer.detectors.agents import detect_agent
from comparer.detectors.base import Context, Finding, Pair
from comparer.detectors.entities import detect_entity, detect_exclusive
from comparer.detectors.lists import detect_list
from comparer.detectors.polarity import detect_modality, detect_negation
from comparer.detectors.predicates import detect_modifier, detect_predicate
from comparer.detectors.quotes import detect_attribution, detect_quote
from comparer.detectors.values import detect_date, detect_number, detect_ordinal

Detector = Callable[[Pair, Context], Iterator[Finding]]

DETECTORS: list[tuple[str, Detector]] = [
    ("attribution", detect_attribution),
    ("quote", detect_quote),
    ("negation", detect_negation),
    ("number", detect_number),
    ("date", detect_date),
    ("number", detect_ordinal),
    ("entity", detect_entity),
    ("entity", detect_predicate),
    ("entity", detect_modifier),
    ("entity", detect_exclusive),
    ("entity", detect_agent),
    ("modality", detect_modality),
    ("list", detect_list),
]

# Detectors that compare what one named subject is said to be; the only ones run on two
# claims linked by nothing but opening with the same name.
SUBJECT_FRAME: frozenset[Detector] = frozenset({detect_predicate, detect_modifier})

__all__ = ["DETECTORS", "SUBJECT_FRAME", "Context", "Detector", "Finding", "Pair"]
