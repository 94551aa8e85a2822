"""Copy-paste pairs of a batch, deduplicated on disk (SQLite) and read back in a fixed order.

Pass 2 of `analyze` finds a pair from both of its paragraphs' lookups (or only from one, where the
other paragraph's candidates were capped); a batch of a hundred thousand reports yields millions of
pairs, which are not to be held in memory. Each pair is stored once, its two sides in a canonical
order, and read back sorted.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from nlp.duplicates.lsh import DuplicatePair

_SCHEMA = """
CREATE TABLE pairs (
    doc_a TEXT NOT NULL, para_a_key TEXT NOT NULL, para_a TEXT NOT NULL, text_a TEXT NOT NULL,
    doc_b TEXT NOT NULL, para_b_key TEXT NOT NULL, para_b TEXT NOT NULL, text_b TEXT NOT NULL,
    similarity REAL NOT NULL,
    PRIMARY KEY (doc_a, para_a_key, doc_b, para_b_key)
) WITHOUT ROWID
"""


class PairStore:
    """A temporary, disk-backed set of `DuplicatePair`s (the file is removed on `close`).

    Iterating gives each pair once, with (doc_a, str(para_a)) < (doc_b, str(para_b)), sorted by them.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.unlink(missing_ok=True)  # a leftover of a killed run
        self._db = sqlite3.connect(str(self.path), isolation_level=None)
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute(_SCHEMA)

    def add(self, pairs: Iterable[DuplicatePair]) -> None:
        rows = [_row(pair) for pair in pairs]
        if rows:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR IGNORE INTO pairs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            self._db.execute("COMMIT")

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM pairs").fetchone()[0])

    def __iter__(self) -> Iterator[DuplicatePair]:
        cursor = self._db.execute(
            "SELECT doc_a, para_a, doc_b, para_b, similarity, text_a, text_b FROM pairs ORDER BY doc_a, para_a_key, doc_b, para_b_key"
        )
        for doc_a, para_a, doc_b, para_b, similarity, text_a, text_b in cursor:
            yield DuplicatePair(doc_a, json.loads(para_a), doc_b, json.loads(para_b), similarity, text_a, text_b)

    def close(self) -> None:
        self._db.close()
        self.path.unlink(missing_ok=True)

    def __enter__(self) -> PairStore:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _row(pair: DuplicatePair) -> tuple[Any, ...]:
    a = (pair.doc_a, str(pair.para_a), pair.para_a, pair.text_a)
    b = (pair.doc_b, str(pair.para_b), pair.para_b, pair.text_b)
    first, second = (a, b) if a[:2] <= b[:2] else (b, a)
    return (
        first[0], first[1], json.dumps(first[2], ensure_ascii=False), first[3],
        second[0], second[1], json.dumps(second[2], ensure_ascii=False), second[3],
        pair.similarity,
    )  # fmt: skip
