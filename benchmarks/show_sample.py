"""Show a judge what each drawn flag of a sample points to, read from the events file.

Usage: python benchmarks/show_sample.py SAMPLE.jsonl BASIL.jsonl [--n N]

A sample of ``sample_flags.py`` holds no text of the data: only documents, claims and character
offsets. This prints, for each record (or record N), the two sides' marked words, the whole claim
around them and the claims before and after it (as comparer reads the document now), the detail
the diff gives today, and for an omission the claim of each other outlet most like it (a hint only:
the judge reads the other articles). Nothing is written.
"""

from __future__ import annotations

import argparse
import textwrap
from collections import defaultdict

import comparer

from evalkit import event_documents, fail, numbered_rows, read_events


def _context(claims, start: int, end: int) -> tuple[str, str, str]:
    """The claim holding ``start:end`` and its neighbours ("" where there is none)."""
    for k, claim in enumerate(claims):
        if claim.start <= start and end <= claim.end:
            before = claims[k - 1].text if k else ""
            after = claims[k + 1].text if k + 1 < len(claims) else ""
            return before, claim.text, after
    return "", "", ""


def _closest(text: str, claims) -> str:
    from rapidfuzz import fuzz

    best = max(((fuzz.token_set_ratio(text, c.text), c.text) for c in claims), default=(0.0, ""))
    return f"({best[0]:.0f}) {best[1]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample")
    parser.add_argument("data", help="events or claim-pairs JSONL the sample was drawn from")
    parser.add_argument("--n", type=int, default=0, help="show only record N")
    args = parser.parse_args()
    events, _ = read_events(args.data)
    cache: dict[str, tuple] = {}
    for number, record in numbered_rows(args.sample, ("event", "id", "kind", "a")):
        if args.n and record.get("n") != args.n:
            continue
        event = str(record["event"])
        if event not in events:
            fail(f"{args.sample}:{number}: event {event} is not in {args.data}")
        if event not in cache:
            report = comparer.diff(event_documents(events[event]))
            texts = {d.id: d.text for d in report.documents}
            by_doc: dict[str, list] = defaultdict(list)
            for claim in report.claims:
                by_doc[claim.document].append(claim)
            details = {d.id: d.detail for d in report.discrepancies}
            cache[event] = (texts, by_doc, details)
        texts, by_doc, details = cache[event]
        print(f"#{record.get('n')}  {record['kind']} / {record.get('severity')}  event {event}  id {record['id']}")
        print("   detail: " + details.get(record["id"], "(the diff no longer reports this id)"))
        for name in ("a", "b"):
            where = record.get(name)
            if not where:
                continue
            doc = where["document"]
            if doc not in texts:
                fail(f"{args.sample}:{number}: document {doc} is not in event {event}")
            before, claim, after = _context(by_doc[doc], where["start"], where["end"])
            print(f"   {name} ({where.get('source', doc)}): [{texts[doc][where['start']:where['end']]}]")
            for label, text in (("before", before), ("claim", claim), ("after", after)):
                if text:
                    print(textwrap.fill(text, 110, initial_indent=f"      {label}: ", subsequent_indent=" " * 14))
        if record["kind"] == "omission":
            claim_text = _context(by_doc[record["a"]["document"]], record["a"]["start"], record["a"]["end"])[1]
            for doc, claims in by_doc.items():
                if doc != record["a"]["document"]:
                    print(textwrap.fill(_closest(claim_text, claims), 110, initial_indent=f"   closest in {doc}: ",
                                        subsequent_indent=" " * 14))
        print()


if __name__ == "__main__":
    main()
