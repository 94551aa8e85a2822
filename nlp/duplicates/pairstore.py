"""Copy-paste pairs of a batch, deduplicated on disk (SQLite) and read back in a fixed order.

Pass 2 of `analyze` finds a pair from both of its paragraphs' lookups (or only from one, where the
other paragraph's candidates were capped); a batch of a hundred thousand reports yields millions of
pairs, which are not to be held in memory. Each pair is stored once, its two sides in a canonical
order, and read back sorted.

A store can outlive a killed run: each `add` stores its pairs with the name of what they came from
(a report), in one transaction, so that a run started again knows what is done. Adds are committed
`commit_every` at a time (a transaction per report was a lock and a log write each): a kill loses
at most the last ones, whose names are then not `done` either, and which the run does again. The store is kept for one `batch` (any
string naming the work: the same batch, the same pairs) and emptied when opened for another one.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from nlp.duplicates.lsh import DuplicatePair
from nlp.duplicates.stored import write_transaction

_SCHEMA = """
CREATE TABLE pairs (
    doc_a TEXT NOT NULL, para_a_key TEXT NOT NULL, para_a TEXT NOT NULL, text_a TEXT NOT NULL,
    doc_b TEXT NOT NULL, para_b_key TEXT NOT NULL, para_b TEXT NOT NULL, text_b TEXT NOT NULL,
    similarity REAL NOT NULL,
    PRIMARY KEY (doc_a, para_a_key, doc_b, para_b_key)
) WITHOUT ROWID
"""


_DONE_SCHEMA = "CREATE TABLE done (name TEXT PRIMARY KEY) WITHOUT ROWID"
_BATCH_SCHEMA = "CREATE TABLE batch (value TEXT NOT NULL)"


class PairStore:
    """A disk-backed set of `DuplicatePair`s.

    Iterating gives each pair once, with (doc_a, str(para_a)) < (doc_b, str(para_b)), sorted by them.

    Parameters
    ----------
    path: the store's SQLite file.
    batch: None for a temporary store (emptied when opened, removed when closed). Otherwise the store
        is kept when closed (`discard` removes it) and, opened again for the same batch with
        `reuse=True`, keeps its pairs and the names of what is `done`; else it starts empty.
    commit_every: adds per transaction (the last ones are committed when the store is read or closed).
    """

    def __init__(self, path: str | os.PathLike[str], batch: str | None = None, reuse: bool = False, commit_every: int = 1) -> None:
        self.path = Path(path)
        self.batch = batch
        self.commit_every = max(1, commit_every)
        self._pending = 0
        if batch is None or not (reuse and self._holds(batch)):
            self._remove()  # a leftover of a killed run, or of another batch
        self._db = sqlite3.connect(str(self.path), isolation_level=None)
        if batch is None:
            self._db.execute("PRAGMA journal_mode = OFF")
            self._db.execute("PRAGMA synchronous = OFF")
        else:
            # Each add is a transaction a kill does not undo, and a power cut cannot leave half-made.
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
        if not self._db.execute("SELECT name FROM sqlite_master WHERE name = 'pairs'").fetchone():
            self._db.execute("BEGIN")
            for schema in (_SCHEMA, _DONE_SCHEMA, _BATCH_SCHEMA):
                self._db.execute(schema)
            self._db.execute("INSERT INTO batch VALUES (?)", (batch or "",))
            self._db.execute("COMMIT")

    def _holds(self, batch: str) -> bool:
        """The file is a store of this batch (and readable)."""
        if not self.path.exists():
            return False
        try:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            try:
                row = db.execute("SELECT value FROM batch").fetchone()
                db.execute("SELECT COUNT(*) FROM done").fetchone()
            finally:
                db.close()
        except sqlite3.Error:
            return False
        return row is not None and row[0] == batch

    def add(self, pairs: Iterable[DuplicatePair], done: str | None = None) -> None:
        """Store the pairs and, with them in one transaction, the name of what they came from."""
        rows = [_row(pair) for pair in pairs]
        if not rows and done is None:
            return
        if not self._db.in_transaction:
            self._db.execute("BEGIN")
        # A savepoint of the open transaction: a failed add undoes itself alone (never a name without its pairs).
        with write_transaction(self._db):
            self._db.executemany("INSERT OR IGNORE INTO pairs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            if done is not None:
                self._db.execute("INSERT OR IGNORE INTO done VALUES (?)", (done,))
        self._pending += 1
        if self._pending >= self.commit_every:
            self.commit()

    def commit(self) -> None:
        """Commit the adds not committed yet."""
        if self._pending:
            self._db.execute("COMMIT")
        self._pending = 0

    def done(self) -> set[str]:
        """The names given to `add` (by this run, or by the killed run of the same batch)."""
        self.commit()
        return {name for (name,) in self._db.execute("SELECT name FROM done")}

    def __len__(self) -> int:
        self.commit()
        return int(self._db.execute("SELECT COUNT(*) FROM pairs").fetchone()[0])

    def __iter__(self) -> Iterator[DuplicatePair]:
        self.commit()
        cursor = self._db.execute(
            "SELECT doc_a, para_a, doc_b, para_b, similarity, text_a, text_b FROM pairs ORDER BY doc_a, para_a_key, doc_b, para_b_key"
        )
        for doc_a, para_a, doc_b, para_b, similarity, text_a, text_b in cursor:
            yield DuplicatePair(doc_a, json.loads(para_a), doc_b, json.loads(para_b), similarity, text_a, text_b)

    def paragraphs(self) -> Iterator[tuple[str, Any, str]]:
        """(doc_id, para_id, text) of every paragraph in a pair, each once (deduplicated on disk),
        sorted like the pairs."""
        self.commit()
        cursor = self._db.execute(
            "SELECT doc_a, para_a_key, para_a, text_a FROM pairs UNION SELECT doc_b, para_b_key, para_b, text_b FROM pairs ORDER BY 1, 2"
        )
        for doc, _, para, text in cursor:
            yield doc, json.loads(para), text

    def close(self) -> None:
        """Commit what was added (also when the run stops on an exception: each add is whole) and close."""
        self.commit()
        self._db.close()
        if self.batch is None:
            self._remove()

    def discard(self) -> None:
        """Close and remove the store, whatever its batch (the work it was kept for is finished)."""
        self._pending = 0
        self._db.close()
        self._remove()

    def _remove(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)

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
