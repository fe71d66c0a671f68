"""Build ``comparer/data/antonyms_wordnet.txt`` from WordNet 3.0 (run by a maintainer, not at run time).

Usage: python tools/build_antonyms.py /usr/share/wordnet > comparer/data/antonyms_wordnet.txt

Reads the direct antonym pointers ("!") of nouns, verbs, adjectives and adverbs of the WordNet
database (Debian package ``wordnet-base``), keeps single-word lemmas, and writes each pair with
the inflected forms of both words, as lemminflect gives them, so that comparer needs neither
WordNet nor lemminflect when it runs. comparer reads a pair only where one word replaces the
other in the same slot of two claims that otherwise agree: there "a man" against "a woman",
"exports" against "imports" or a "gain" against a "loss" is a discrepancy.

It adds the adjectives WordNet lists both with and without a negating prefix ("consistent" /
"inconsistent", "functional" / "dysfunctional") where the plain one has an adjective's ending
(``_ENDINGS``): "appointed" / "disappointed" and "migrant" / "immigrant" are no opposites.
"""

from __future__ import annotations

import os
import sys

from lemminflect import getAllInflections

_POS = {"noun": "NOUN", "verb": "VERB", "adj": "ADJ", "adv": "ADV"}

LICENSE = """# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. (WordNet 3.0 license: permission to use,
# copy, modify and distribute this database for any purpose and without fee or royalty is
# granted, provided this notice appears on all copies.)"""


def synsets(path: str) -> dict[str, tuple[list[str], list[tuple[str, int, int]]]]:
    """offset -> (lemmas, antonym pointers as (target offset, source word, target word))."""
    out = {}
    with open(path, encoding="latin-1") as handle:
        for line in handle:
            if line.startswith("  "):
                continue
            fields = line.split()
            offset, w_cnt = fields[0], int(fields[3], 16)
            lemmas = [fields[4 + 2 * k].lower() for k in range(w_cnt)]
            k = 4 + 2 * w_cnt
            p_cnt = int(fields[k])
            pointers = []
            for n in range(p_cnt):
                symbol, target, _pos, source_target = fields[k + 1 + 4 * n:k + 5 + 4 * n]
                if symbol == "!":
                    pointers.append((target, int(source_target[:2], 16), int(source_target[2:], 16)))
            out[offset] = (lemmas, pointers)
    return out


_PREFIXES = ("un", "in", "im", "il", "ir", "non", "dis", "dys", "sub")
_ENDINGS = ("able", "ible", "al", "ful", "ive", "ent", "ant", "ic", "ous", "ar", "ary", "ory")


def prefixed(path: str) -> set[tuple[str, str, str]]:
    """Adjective pairs ("adj", plain, negated) whose negated form is the plain one with a prefix."""
    with open(path, encoding="latin-1") as handle:
        lemmas = {line.split()[0] for line in handle if not line.startswith("  ")}
    out = set()
    for word in lemmas:
        for prefix in _PREFIXES:
            plain = word[len(prefix):]
            if word.startswith(prefix) and len(plain) >= 5 and plain in lemmas and plain.endswith(_ENDINGS) \
                    and "_" not in word and "-" not in word:
                out.add(("adj", *sorted((plain, word))))
    return out


def forms(lemma: str, pos: str) -> list[str]:
    found = {lemma}
    for values in getAllInflections(lemma, upos=_POS[pos]).values():
        found.update(values)
    return sorted(found)


def main() -> None:
    root = sys.argv[1]
    pairs: set[tuple[str, str, str]] = set()
    for pos in _POS:
        table = synsets(os.path.join(root, f"data.{pos}"))
        for lemmas, pointers in table.values():
            for target, source_word, target_word in pointers:
                if source_word == 0 or target not in table:
                    continue
                x = lemmas[source_word - 1].split("(")[0]
                y = table[target][0][target_word - 1].split("(")[0]
                if "_" in x or "_" in y or "-" in x or "-" in y:
                    continue
                pairs.add((pos, *sorted((x, y))))
    pairs |= prefixed(os.path.join(root, "index.adj"))
    print("# Opposites from WordNet 3.0 (nouns, verbs, adjectives, adverbs; direct antonyms, and adjectives")
    print("# with and without a negating prefix), with their inflected forms from lemminflect.")
    print("# Built by tools/build_antonyms.py; do not edit by hand.")
    print(LICENSE)
    for pos, x, y in sorted(pairs):
        print(" ".join(forms(x, pos)), "|", " ".join(forms(y, pos)))


if __name__ == "__main__":
    main()
