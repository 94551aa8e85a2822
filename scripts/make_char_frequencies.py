"""Write `nlp/resources/char_frequencies.txt`: how often each CJK character occurs, from jieba's dictionary.

A character's count is the summed frequency of the dictionary's words that hold it (a proxy for how
often it appears in running text). The mojibake repair (`nlp.normalize.mojibake`) uses it to choose,
among the characters a lost byte could have made, the one Chinese text most likely held. Run it again
only when jieba's dictionary changes: `python scripts/make_char_frequencies.py`.
"""

from __future__ import annotations

import collections
from pathlib import Path

import jieba

KEEP = 8000
OUT = Path(__file__).resolve().parents[1] / "nlp" / "resources" / "char_frequencies.txt"


def main() -> None:
    counts: collections.Counter[str] = collections.Counter()
    dictionary = Path(jieba.__file__).parent / "dict.txt"
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        word, frequency = line.split()[:2]
        for char in word:
            if "\u4e00" <= char <= "\u9fff":
                counts[char] += int(frequency)
    lines = [f"{char} {count}" for char, count in counts.most_common(KEEP)]
    header = "# CJK characters by summed frequency of jieba dictionary words holding them (scripts/make_char_frequencies.py)\n"
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} characters → {OUT}")


if __name__ == "__main__":
    main()
