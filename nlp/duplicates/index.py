"""A persistent index of every report seen (SQLite), so that each new report is checked against all before it.

One file, no server. Each report is added all or nothing: a run interrupted halfway (an
exception, a kill, a power cut) leaves the index as it was before that report. A caller adding
many reports may group them in one transaction (`adding`: one commit, and one pass over the
write-ahead log's pages, for several reports), and may group lookups in one read transaction
(`reading`: one snapshot and one lock for several lookups instead of one per statement). Adding a report whose
doc_id and content are already indexed changes nothing; a changed report under the same doc_id
replaces the old version; the same content under another doc_id is added (status `duplicate`), so
that every copy finds every other.

The index stores, per paragraph, its text and its MinHash signature; its shingle and MinHash
settings are fixed when it is created (stored in its `meta` table) so that all signatures compare.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from nlp.duplicates.find import DEFAULT_MIN_CHARS, Passage, as_documents, passages
from nlp.duplicates.indexfile import (
    DEFAULT_INDEX_FILE,
    INDEX_SETTINGS,
    INDEX_TABLES,
    SCHEMA,
    SCHEMA_VERSION,
    ForeignIndexError,
    check_index_file,
)
from nlp.duplicates.lsh import DEFAULT_NUM_PERM, DEFAULT_SEED, DuplicatePair, MinHasher
from nlp.duplicates.shingles import DEFAULT_SHINGLE_SIZE, shingle_batch
from nlp.duplicates.stored import ParagraphMatches, StoredLSH, delete_rows, insert_rows, write_transaction
from nlp.errors import IndexError_


@dataclass
class AddResult:
    doc_id: str
    #: added | unchanged | replaced | duplicate (added; the same content as `same_as`, indexed before)
    status: str
    paragraphs: int
    same_as: str | None = None
    #: Near-copies of this report's paragraphs among the reports indexed before it.
    pairs: list[DuplicatePair] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "status": self.status,
            "paragraphs": self.paragraphs,
            "same_as": self.same_as,
            "pairs": len(self.pairs),
        }


#: What `DuplicateIndex.prepare` makes of a document: its passages, their shingle sets and signatures.
Prepared = tuple[list[Passage], list[np.ndarray], np.ndarray]


def content_hash(chosen: Sequence[Passage]) -> str:
    payload = json.dumps([[str(p.para_id), p.text] for p in chosen], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class DuplicateIndex:
    """The SQLite index. Use as a context manager, or call `close()`.

    Parameters
    ----------
    path: the index file (created if missing).
    num_perm, shingle_size, seed, min_chars: settings of a new index; an existing index keeps its own.
    durable: each `add` is on the disk when it returns (SQLite's `synchronous = FULL`, a flush per
        report). False (`NORMAL`): a killed process still loses nothing and the file cannot be
        corrupted, but a power cut may undo the last additions; for a caller that flushes at its
        end and checks what the index holds when it resumes (`analyze`: the flush per report was
        a few milliseconds each, most of a small batch's waiting).
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        num_perm: int = DEFAULT_NUM_PERM,
        shingle_size: int = DEFAULT_SHINGLE_SIZE,
        seed: int = DEFAULT_SEED,
        min_chars: int = DEFAULT_MIN_CHARS,
        durable: bool = True,
    ) -> None:
        self.path = Path(path) if path is not None else Path(DEFAULT_INDEX_FILE)
        self._searches: dict[tuple[float, str], StoredLSH] = {}
        check_index_file(self.path)
        try:
            if self.path.parent != Path(""):
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
            self._refuse_foreign()
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            if not durable:
                self._db.execute("PRAGMA synchronous = NORMAL")
            settings = self._settings(num_perm, shingle_size, seed, min_chars)
        except (sqlite3.Error, OSError) as exc:
            raise IndexError_(
                f"{self.path}: cannot open as a govreport index ({exc}); give another --index file"
            ) from exc
        self.num_perm = int(settings["num_perm"])
        self.shingle_size = int(settings["shingle_size"])
        self.seed = int(settings["seed"])
        self.min_chars = int(settings["min_chars"])
        self.hasher = MinHasher(self.num_perm, self.seed)

    def _refuse_foreign(self) -> None:
        """Close and refuse a database that holds tables but not those of an index (before any write:
        no table is added, the journal mode is not switched)."""
        tables = {name for (name,) in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        problem = None
        if tables and not INDEX_TABLES <= tables:
            problem = f"an SQLite database with other tables ({', '.join(sorted(tables)[:5])}{', …' if len(tables) > 5 else ''})"
        elif tables:
            keys = {key for (key,) in self._db.execute("SELECT key FROM meta")}
            if not INDEX_SETTINGS <= keys:
                problem = "an SQLite database with tables of the same names but not a govreport index's settings"
        if problem:
            self._db.close()
            raise ForeignIndexError(f"{self.path}: cannot open: not a govreport index ({problem}); left untouched. Give another --index file, or a new name")

    def _settings(self, num_perm: int, shingle_size: int, seed: int, min_chars: int) -> dict[str, str]:
        with self._transaction():
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    self._db.execute(statement)
            stored = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
            if not stored:
                stored = {
                    "schema_version": str(SCHEMA_VERSION),
                    "num_perm": str(num_perm),
                    "shingle_size": str(shingle_size),
                    "seed": str(seed),
                    "min_chars": str(min_chars),
                    "minhash_scheme": MinHasher.scheme,
                }
                self._db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", stored.items())
        if (
            stored.get("schema_version") != str(SCHEMA_VERSION)
            or stored.get("minhash_scheme") != MinHasher.scheme
        ):
            raise IndexError_(
                f"{self.path}: index made by another version (schema {stored.get('schema_version')}); rebuild it with govreport index add"
            )
        return stored

    def _transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        return write_transaction(self._db)

    @contextlib.contextmanager
    def adding(self) -> Iterator[DuplicateIndex]:
        """The `add`s made inside, in one transaction, committed when the block ends, even by an
        exception: each `add` that returned stands (each is all or nothing on its own), so a caller
        may note a report as done once the block is over. The write lock is held throughout: keep
        slow work (analysing the next reports) outside. A process killed inside loses the block's
        additions; the caller must not have told anyone they were made (`analyze` writes a report's
        line of its finished file only after the block)."""
        if self._db.in_transaction:
            yield self
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise IndexError_(f"{self.path}: cannot write to the index ({exc})") from exc
        try:
            yield self
        finally:
            try:
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                self._db.rollback()
                raise IndexError_(f"{self.path}: cannot commit the last reports added ({exc}); they are not in the index") from exc

    @contextlib.contextmanager
    def reading(self) -> Iterator[DuplicateIndex]:
        """The lookups made inside, in one read transaction: they see one snapshot of the index, and
        SQLite takes its locks once rather than for every statement. Writers of the same file
        (another process) are not blocked, but the log cannot be emptied while the block lasts:
        keep it to a batch of reports, not a whole run."""
        if self._db.in_transaction:
            yield self
            return
        self._db.execute("BEGIN")  # deferred: a read snapshot from the first statement on
        try:
            yield self
        finally:
            self._db.execute("COMMIT")  # nothing written: ends the read, never fails for want of space

    # -- reading --------------------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    @property
    def n_paragraphs(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM paragraphs").fetchone()[0])

    def version(self) -> tuple[int, int]:
        """(documents, last document key): it changes whenever a report is added or replaced, so that
        results computed against the index can tell whether they still hold."""
        documents, last_key = self._db.execute("SELECT COUNT(*), MAX(doc_key) FROM documents").fetchone()
        return int(documents), int(last_key or 0)

    def documents(self) -> list[dict[str, Any]]:
        rows = self._db.execute(
            "SELECT doc_id, agency, year, source, n_paragraphs, added_at FROM documents ORDER BY doc_key"
        )
        return [
            dict(zip(("doc_id", "agency", "year", "source", "n_paragraphs", "added_at"), row, strict=True))
            for row in rows
        ]

    def entries(self) -> tuple[list[tuple[str, Hashable]], list[str], np.ndarray]:
        """Every indexed paragraph: ((doc_id, para_id) keys, texts, signatures)."""
        rows = self._db.execute(
            "SELECT d.doc_id, p.para_id, p.text, p.signature FROM paragraphs p JOIN documents d USING (doc_key) ORDER BY p.doc_key, p.position"
        ).fetchall()
        keys = [(doc, json.loads(para)) for doc, para, _, _ in rows]
        texts = [text for _, _, text, _ in rows]
        signatures = np.frombuffer(b"".join(row[3] for row in rows), dtype="<u4").reshape(
            len(rows), self.num_perm
        )
        return keys, texts, signatures

    def search(self, threshold: float, measure: str = "jaccard") -> StoredLSH:
        """LSH lookups over the indexed paragraphs, from a band table in the index file (built on first use)."""
        key = (threshold, measure)
        if key not in self._searches:
            search = StoredLSH(self._db, threshold, measure, num_perm=self.num_perm, shingle_size=self.shingle_size)
            self._searches[key] = search.ensure_table()
        return self._searches[key]

    # -- writing --------------------------------------------------------------------------------

    def _paragraph_rows(
        self, doc_key: int, chosen: Sequence[Passage], signatures: np.ndarray
    ) -> Iterator[tuple]:
        for position, (passage, signature) in enumerate(zip(chosen, signatures, strict=True)):
            yield (
                doc_key,
                json.dumps(passage.para_id, ensure_ascii=False, default=str),
                position,
                passage.text,
                signature.astype("<u4").tobytes(),
            )

    def add(self, document: Any, threshold: float | None = None, measure: str = "jaccard", prepared: Prepared | None = None) -> AddResult:
        """Add one report (a Report or a Document); with `threshold`, also return its near-copies
        among the reports indexed before it. All or nothing: on any error the index is unchanged.
        `prepared`: what `prepare_many` made of the document, if the caller prepared several at once."""
        doc_id = str(document.doc_id)
        chosen, sets, signatures = prepared if prepared is not None else self.prepare(document)
        digest = content_hash(chosen)
        search = self.search(threshold, measure) if threshold is not None else None  # before the transaction: it may build its table
        try:
            with self._transaction() as db:
                existing = db.execute(
                    "SELECT doc_key, content_hash FROM documents WHERE doc_id = ?", (doc_id,)
                ).fetchone()
                if existing and existing[1] == digest:
                    return AddResult(doc_id, "unchanged", len(chosen))
                twin = db.execute(
                    "SELECT doc_id FROM documents WHERE content_hash = ? AND doc_id != ?", (digest, doc_id)
                ).fetchone()
                # A byte-identical report under another doc_id is stored all the same: it is a report
                # of its own, and each of two copies must find the other (copies are symmetric).
                same_as = twin[0] if twin and chosen else None
                if existing:
                    old = db.execute("SELECT rowid, signature FROM paragraphs WHERE doc_key = ?", (existing[0],)).fetchall()
                    old_signatures = np.frombuffer(b"".join(row[1] for row in old), dtype="<u4").reshape(len(old), self.num_perm)
                    delete_rows(db, [row[0] for row in old], old_signatures)
                    db.execute("DELETE FROM documents WHERE doc_key = ?", (existing[0],))
                keys = [(p.doc_id, p.para_id) for p in chosen]
                pairs = search.matches(keys, [p.text for p in chosen], signatures, sets) if search is not None else []
                cursor = db.execute(
                    "INSERT INTO documents (doc_id, content_hash, agency, year, source, n_paragraphs, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        doc_id,
                        digest,
                        getattr(document, "agency", None),
                        getattr(document, "year", None),
                        getattr(document, "source", None),
                        len(chosen),
                        _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
                    ),
                )
                doc_key = int(cursor.lastrowid)
                db.executemany(
                    "INSERT INTO paragraphs (doc_key, para_id, position, text, signature) VALUES (?, ?, ?, ?, ?)",
                    self._paragraph_rows(doc_key, chosen, signatures),
                )
                rowids = [row[0] for row in db.execute("SELECT rowid FROM paragraphs WHERE doc_key = ? ORDER BY position", (doc_key,))]
                insert_rows(db, rowids, signatures)
        except sqlite3.Error as exc:
            raise IndexError_(f"{self.path}: cannot add {doc_id} ({exc}); the index is unchanged") from exc
        status = "duplicate" if same_as else "replaced" if existing else "added"
        return AddResult(doc_id, status, len(chosen), same_as=same_as, pairs=pairs)

    def prepare(self, document: Any, stored: bool = False) -> Prepared:
        """The passages of a report the index compares, their shingle sets and MinHash signatures:
        what `add` stores and `lookup` probes with. With `stored`, the signatures of a report
        indexed with this very content are read back rather than computed again."""
        chosen = passages(as_documents([document]), min_chars=self.min_chars)
        sets = shingle_batch([p.text for p in chosen], self.shingle_size)
        signatures = self._stored_signatures(str(document.doc_id), chosen) if stored and chosen else None
        if signatures is None:
            signatures = self.hasher.signatures(sets)
        return chosen, sets, signatures

    def prepare_many(self, documents: Sequence[Any]) -> list[Prepared]:
        """`prepare` of several documents (not `stored`), the same for each: their shingles and
        signatures made in one vectorised pass. For a report alone those passes were mostly numpy's
        per-call cost: eight reports at once take a third of the time of eight one by one."""
        chosen = [passages(as_documents([document]), min_chars=self.min_chars) for document in documents]
        sets = shingle_batch([p.text for passages_of in chosen for p in passages_of], self.shingle_size)
        signatures = self.hasher.signatures(sets)
        prepared: list[Prepared] = []
        start = 0
        for passages_of in chosen:
            stop = start + len(passages_of)
            prepared.append((passages_of, sets[start:stop], signatures[start:stop]))
            start = stop
        return prepared

    def _stored_signatures(self, doc_id: str, chosen: Sequence[Passage]) -> np.ndarray | None:
        row = self._db.execute("SELECT doc_key, content_hash FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None or row[1] != content_hash(chosen):
            return None
        blobs = [blob for (blob,) in self._db.execute("SELECT signature FROM paragraphs WHERE doc_key = ? ORDER BY position", (row[0],))]
        if len(blobs) != len(chosen):
            return None
        return np.frombuffer(b"".join(blobs), dtype="<u4").reshape(len(blobs), self.num_perm).astype(np.uint32)

    def lookup(self, document: Any, threshold: float, measure: str = "jaccard") -> list[ParagraphMatches]:
        """What the index holds of each comparable paragraph of `document` (a Report or a Document)
        from the other reports: one `ParagraphMatches` per paragraph, in order. The document itself
        is not added; if it is indexed already, its stored signatures are used."""
        chosen = passages(as_documents([document]), min_chars=self.min_chars)
        if not chosen:
            return []
        # The stored signatures spare the shingles of every paragraph: the lookup makes those of the
        # few paragraphs with candidates to check.
        signatures = self._stored_signatures(str(document.doc_id), chosen)
        sets = None
        if signatures is None:
            sets = shingle_batch([p.text for p in chosen], self.shingle_size)
            signatures = self.hasher.signatures(sets)
        keys = [(p.doc_id, p.para_id) for p in chosen]
        return self.search(threshold, measure).lookup(keys, [p.text for p in chosen], signatures, sets)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> DuplicateIndex:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
