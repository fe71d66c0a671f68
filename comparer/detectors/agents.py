"""Agents: the two accounts name different people as the doer of the same act.

"Sculptor Ann Vale created the monument" against "The monument was created by
sculptor Tom Reed": the verb is the same (active or passive), and the name that
does it differs. The agent of an active verb is the name right before it ("Ann
Vale has created"); of a passive one, the names after "by" ("written and directed
by X and Y"). Reporting verbs ("said", "told") are left to the attribution
detector. The two claims must share a word besides the verb and the names (what
was done: "the monument", "the screenplay"), and neither may name the other's
agent anywhere.
"""

from collections.abc import Iterator
from typing import NamedTuple

from comparer.detectors.base import Context, Finding, Pair, Token, negated, stem
from comparer.detectors.entities import compatible, same_entity
from comparer.types import Claim, Mention

# Irregular past forms, to the form the stemmer gives the present.
_LEMMA = {"wrote": "write", "written": "write", "made": "make", "built": "build", "led": "lead", "won": "win",
          "sang": "sing", "sung": "sing", "drew": "draw", "drawn": "draw", "shot": "shoot", "ran": "run",
          "began": "begin", "begun": "begin", "took": "take", "taken": "take", "gave": "give", "given": "give",
          "held": "hold", "found": "find", "founded": "found", "bought": "buy", "sold": "sell", "beat": "beat",
          "fought": "fight", "taught": "teach", "composed": "compos", "sent": "send", "spent": "spend"}
_REPORTING = frozenset({"say", "said", "tell", "told", "add", "ask", "note", "explain", "report", "claim",
                        "announc", "stat", "comment", "describ", "call", "confirm", "deni", "insist",
                        "argu", "warn", "recal", "suggest", "believ", "think", "thought", "feel", "felt",
                        "poll", "survey", "quot", "cit", "interview"})
# Words between a name and its verb that leave the name the doer: "X has also played".
_BETWEEN = frozenset("""has have had also later then first once subsequently previously jointly initially
reportedly""".split())
_JOIN = frozenset({"and", ","})
_AGENT_REACH = 4  # words after "by" before the name ("by American sculptor X")


class Act(NamedTuple):
    verb: Token
    agent: Mention


def _verb_key(token: Token) -> str:
    lemma = _LEMMA.get(token.low)
    return stem(lemma) if lemma else token.stem


def _is_verb(token: Token, following: Token | None = None) -> bool:
    """A past form ("created", "wrote"), or a present one ("plays") before its object."""
    low = token.low
    if not token.content or not low.isalpha() or token.text[:1].isupper() or len(low) < 4:
        return False
    if low in _LEMMA or low.endswith("ed"):
        return True
    return low.endswith("s") and not low.endswith("ss") and following is not None and (
        following.low in _DETERMINERS or following.text[:1].isupper())


_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my"})
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "sir", "mr.", "mrs.", "ms.", "dr."})


def _full_name(m: Mention) -> bool:
    """Two words or more (titles aside) and no acronym: "Saddam" and "Hussein", "SEC" and "Securities
    and Exchange Commission" may well be one name."""
    words = [w for w in m.text.split() if w.lower() not in _TITLES]
    return len(words) >= 2 and not any(w.isupper() and len(w) > 1 for w in words)


def _acts(ctx: Context, pair: Pair, claim: Claim) -> list[Act]:
    cached = ctx.doc_cache.get(("acts", claim.id))
    if cached is not None:
        return cached
    tokens = pair.ta if claim is pair.a else pair.tb
    names = ctx.entities(claim)
    found = _active(claim, tokens, names) + _passive(claim, tokens, names)
    found = [act for act in found if _verb_key(act.verb) not in _REPORTING
             and not negated(claim, act.verb.start)]
    ctx.doc_cache[("acts", claim.id)] = found
    return found


def _active(claim: Claim, tokens: tuple[Token, ...], names: list[Mention]) -> list[Act]:
    """A name, then at most two auxiliary words, then a verb not followed by "by"."""
    out = []
    for m in names:
        after = [t for t in tokens if t.start >= m.end][:4]
        while after and after[0].low in _BETWEEN:
            after = after[1:]
        if not after or not _is_verb(after[0], after[1] if len(after) > 1 else None):
            continue
        gap = claim.text[m.end - claim.start:after[0].start - claim.start]
        if any(ch in gap for ch in ",;:()"):
            continue
        nxt = [t for t in tokens if t.start >= after[0].end][:1]
        if nxt and nxt[0].low == "by":
            continue
        out.append(Act(after[0], m))
    return out


def _passive(claim: Claim, tokens: tuple[Token, ...], names: list[Mention]) -> list[Act]:
    """Participles before "by" ("written and directed by"), each with the names after it."""
    out = []
    for k, t in enumerate(tokens):
        if t.low != "by" or k == 0:
            continue
        verbs = []
        j = k - 1
        while j >= 0 and _is_verb(tokens[j]):
            verbs.append(tokens[j])
            if j >= 2 and tokens[j - 1].low in _JOIN:
                j -= 2
            else:
                break
        if not verbs:
            continue
        agents = _names_after(claim, tokens, k, names)
        out += [Act(v, m) for v in verbs for m in agents]
    return out


def _names_after(claim: Claim, tokens: tuple[Token, ...], k: int, names: list[Mention]) -> list[Mention]:
    """The names a "by" introduces: the first within reach, and those listed with it."""
    reach = tokens[k + 1:k + 1 + _AGENT_REACH]
    if not reach:
        return []
    first = next((m for m in names if reach[0].start <= m.start <= reach[-1].start), None)
    if first is None:
        return []
    out = [first]
    for m in names:
        if m.start <= out[-1].end:
            continue
        gap = claim.text[out[-1].end - claim.start:m.start - claim.start].strip(" ,")
        if gap not in ("", "and", "or", "&"):
            break
        out.append(m)
    return out


def detect_agent(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """The same act done by different names in the two claims."""
    acts_a, acts_b = _acts(ctx, pair, pair.a), _acts(ctx, pair, pair.b)
    if not acts_a or not acts_b:
        return
    names_a, names_b = ctx.entities(pair.a), ctx.entities(pair.b)
    keys_b = {_verb_key(y.verb) for y in acts_b}
    # in the first claim's word order, so that the same pair always gives the same finding
    for key in dict.fromkeys(k for k in (_verb_key(x.verb) for x in acts_a) if k in keys_b):
        xs = [x for x in acts_a if _verb_key(x.verb) == key]
        ys = [y for y in acts_b if _verb_key(y.verb) == key]
        if any(same_entity(ctx, x.agent, n) for x in xs for n in names_b) \
                or any(same_entity(ctx, y.agent, n) for y in ys for n in names_a):
            continue
        x, y = xs[0], ys[0]
        if not compatible(x.agent, y.agent) or not _same_matter(pair, x, y) \
                or not (_full_name(x.agent) and _full_name(y.agent)):
            continue
        yield Finding("entity", "medium", (x.agent.start, x.agent.end), (y.agent.start, y.agent.end),
                      f"{ctx.label(pair.a.document)} says {x.agent.text!r} {x.verb.text} it where "
                      f"{ctx.label(pair.b.document)} says {y.agent.text!r} did.")
        return


def _same_matter(pair: Pair, x: Act, y: Act) -> bool:
    """Whether the claims share a content word besides the verb (the names differ anyway)."""
    words_a = {t.stem for t in pair.ta if t.content and t.start != x.verb.start}
    words_b = {t.stem for t in pair.tb if t.content and t.start != y.verb.start}
    return bool(words_a & words_b)
