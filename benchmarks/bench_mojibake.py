"""Mojibake repair (`nlp.normalize.mojibake`): what it costs on clean text, what it recovers, at what speed.

The 31 whole crawled reports of ../shared/corpus/full_reports.jsonl, each as it is and mangled by the
shapes of `tests/damage.py` `MOJIBAKE_TRANSFORMS` (saved as UTF-8 and read back as a file is). Prints,
per shape: reports restored exactly, characters wrong (edit distance against the original) and CPU time
per report; and the check's cost on clean text beside `normalize_text`'s. Development figures: these
reports were read while the repair was written. Then the same for the project's 28 authored reports
(`tests/gold/authored_reports.jsonl`), which were not looked at for it: held-out figures.

Run: python benchmarks/bench_mojibake.py
"""

from __future__ import annotations

import difflib
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from nlp.normalize import normalize_text  # noqa: E402
from nlp.normalize.mojibake import undo_mojibake_text  # noqa: E402
from nlp.read import read_bytes  # noqa: E402
from tests.damage import MOJIBAKE_TRANSFORMS  # noqa: E402

FULL_REPORTS = REPO.parent / "shared" / "corpus" / "full_reports.jsonl"
AUTHORED = REPO / "tests" / "gold" / "authored_reports.jsonl"


def _wrong(got: str, want: str) -> int:
    matcher = difflib.SequenceMatcher(None, got, want, autojunk=False)
    return len(want) - sum(block.size for block in matcher.get_matching_blocks())


def main() -> None:
    texts = [json.loads(line)["text"] for line in FULL_REPORTS.open(encoding="utf-8")]
    characters = sum(map(len, texts))
    start = time.process_time()
    for _ in range(20):
        for text in texts:
            undo_mojibake_text(text)
    check = (time.process_time() - start) / (20 * len(texts))
    start = time.process_time()
    for text in texts:
        normalize_text(text)
    normalise = (time.process_time() - start) / len(texts)
    print(f"{len(texts)} reports, {characters:,} characters")
    print(f"clean text: the check costs {check * 1e3:.3f} ms a report, {check / normalise:.1%} of normalize_text ({normalise * 1e3:.2f} ms)")
    undo_mojibake_text(MOJIBAKE_TRANSFORMS["utf8_read_as_gbk"](texts[0]))  # jieba's dictionary, loaded once
    _repairs("whole crawled reports (development)", texts)
    _repairs("authored reports (held out)", [json.loads(line)["text"] for line in AUTHORED.open(encoding="utf-8")])


def _repairs(title: str, texts: list[str]) -> None:
    characters = sum(map(len, texts))
    print(f"{title}: {len(texts)} reports, {characters:,} characters")
    for name, mangle in MOJIBAKE_TRANSFORMS.items():
        read = [read_bytes(mangle(text).encode("utf-8"), name="page.txt") for text in texts]
        start = time.process_time()
        repaired = [undo_mojibake_text(text) for text in read]
        seconds = (time.process_time() - start) / len(texts)
        exact = sum(got == want for got, want in zip(repaired, texts, strict=True))
        wrong = sum(_wrong(got, want) for got, want in zip(repaired, texts, strict=True))
        print(f"{name:22s} exact {exact}/{len(texts)}  characters wrong {wrong:,} ({wrong / characters:.2%})  {seconds * 1e3:.1f} ms a report")


if __name__ == "__main__":
    main()
