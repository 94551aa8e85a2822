"""Which lines traditional → simplified changes: OpenCC's t2s on every line (as before struct13) against
`nlp.normalize.characters.to_simplified` (t2s only on lines holding a character written only in traditional text).

Over the texts of ../shared (corpus reports and pages, the seeds, the reports' .md/.txt) and the dev half of the
authored sets (their clean texts and their files as `nlp.read_text` reads them; the held half is not read), it
counts the lines each way changes and prints every line t2s changes that `to_simplified` leaves, with the words
t2s changed (`覆盖→复盖`), then the kinds (the characters changed) by count. With `--traditional` it reads the same
texts after OpenCC's s2t (the traditional renderings the tests make) and counts the lines where the two conversions
differ: there should be none. With `--time`, CPU seconds of the two conversions over the texts (median of 5 rounds).

Run: PYTHONPATH=. python benchmarks/eval_simplified.py [--traditional] [--time]
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from tests.authored_sets import report_number  # noqa: E402

SHARED = REPO.parent / "shared"


def texts() -> Iterator[tuple[str, str]]:
    """(where, text) of every text measured."""
    import nlp

    for name in ("full_reports.jsonl", "pages_dev.jsonl"):
        for line in (SHARED / "corpus" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                yield f"shared/{record['doc_id']}", record["text"]
    for path in sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "reports").glob("*.[mt][dx]*")):
        yield f"shared/{path.name}", nlp.read_text(path)
    for folder in sorted((REPO / "tests" / "gold").glob("authored_*")):
        reports = folder / "reports.jsonl"
        if not reports.exists():
            continue
        for line in reports.read_text(encoding="utf-8").splitlines():
            record = json.loads(line) if line.strip() else None
            if not record or report_number(record["doc_id"]) % 2 == 0:  # the held half is never read
                continue
            yield f"{folder.name}/{record['doc_id']}", record.get("text", "")
            if record.get("file"):
                yield f"{folder.name}/{record['file']}", nlp.read_text(folder / record["file"])


def changed_words(before: str, after: str) -> list[str]:
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [f"{before[i1:i2]}→{after[j1:j2]}" for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--traditional", action="store_true", help="the texts after s2t: the two conversions must agree")
    parser.add_argument("--time", action="store_true", help="CPU seconds of t2s everywhere and of to_simplified")
    args = parser.parse_args()
    import opencc

    from nlp.normalize.characters import to_simplified
    from nlp.normalize.text import NormalizedText

    t2s = opencc.OpenCC("t2s")
    s2t = opencc.OpenCC("s2t")
    if args.time:
        return timed([s2t.convert(text) if args.traditional else text for _, text in texts()], t2s)
    counts: Counter[str] = Counter(dict.fromkeys(("texts", "lines", "lines t2s changes", "lines to_simplified changes", "lines the two differ on"), 0))
    kinds: Counter[str] = Counter()
    for where, text in texts():
        if args.traditional:
            text = s2t.convert(text)
        counts["texts"] += 1
        selective = to_simplified(NormalizedText.identity(text)).text.split("\n")
        for line, new in zip(text.split("\n"), selective, strict=True):
            counts["lines"] += 1
            everywhere = t2s.convert(line)
            counts["lines t2s changes"] += everywhere != line
            counts["lines to_simplified changes"] += new != line
            if new != everywhere:
                counts["lines the two differ on"] += 1
                words = changed_words(new, everywhere)
                kinds.update(words)
                print(f"{where}: {' '.join(words)}  | {new.strip()[:80]}")
    print(", ".join(f"{key} {value:,}" for key, value in counts.items()))
    print("kinds:", ", ".join(f"{kind} {count}" for kind, count in kinds.most_common()))
    return 0


def timed(texts: list[str], t2s) -> int:
    """CPU seconds (median of 5 rounds) of t2s over every text, line by line where it changes length (as before
    struct13), and of `to_simplified`."""
    import statistics
    import time

    from nlp.normalize.characters import holds_traditional, to_simplified
    from nlp.normalize.text import NormalizedText

    def everywhere(text: NormalizedText) -> NormalizedText:
        converted = t2s.convert(text.text)
        if len(converted) == len(text.text):
            return NormalizedText(converted, text.offsets, text.source_length)
        return text.sub(re.compile(r"[^\n]+"), lambda m: t2s.convert(m.group(0)))

    sources = [NormalizedText.identity(text) for text in texts]
    holds_traditional("")  # the list loads once
    for name, convert in (("t2s everywhere", everywhere), ("to_simplified", to_simplified)):
        rounds = []
        for _ in range(5):
            start = time.process_time()
            for source in sources:
                convert(source)
            rounds.append(time.process_time() - start)
        print(f"{name}: {statistics.median(rounds):.3f} s CPU over {len(sources)} texts ({sum(map(len, texts)):,} characters)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
