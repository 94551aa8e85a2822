"""LSH on disk: the band keys of every indexed paragraph in a table of the index's SQLite file.

An in-memory LSH (datasketch's MinHashLSH) holds every signature band, key and text of the index:
at a hundred thousand reports (1.3 million paragraphs) that is gigabytes. Here a band table
(`lsh_b{bands}_r{rows}`: band key → paragraph rowid, indexed by key) lives in the index file, so a
lookup costs a few B-tree probes and memory stays flat whatever the index holds. The banding is the
one of `nlp.duplicates.lsh` (same bands and rows for a threshold), so the candidates are the same.

Template paragraphs recur in thousands of reports. So that one of them does not turn every lookup
into a scan, at most `per_band` entries are read per band key (the earliest indexed), candidates
whose MinHash estimate is far below the threshold are dropped, and at most `max_verified` per
paragraph (the best estimates) are checked exactly; the rest are counted, not listed.
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from nlp.duplicates.banding import band_keys
from nlp.duplicates.lsh import (
    DEFAULT_MIN_RECALL,
    DEFAULT_NUM_PERM,
    DuplicatePair,
    Key,
    choose_bands,
    lsh_threshold,
)
from nlp.duplicates.shingles import DEFAULT_SHINGLE_SIZE, shingle_batch
from nlp.duplicates.verify import pair_similarities

_TABLE = re.compile(r"^lsh_b(\d+)_r(\d+)$")
#: Salt per band, so that equal row values in two different bands do not give one key.
_BAND_SALT = np.uint64(0xD6E8FEB86659FD93)
#: Rows per INSERT batch when a band table is built from the stored signatures.
_FILL_CHUNK = 20_000
#: Band keys probed by one statement at most (SQLite allows 500 terms in a compound SELECT).
_PROBE_GROUP = 250


@contextlib.contextmanager
def write_transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All or nothing: a transaction of its own (taking the write lock at once), or, inside a
    transaction the caller holds (`DuplicateIndex.adding`), a savepoint of it, so that one
    failed addition among several undoes itself alone."""
    nested = db.in_transaction
    db.execute("SAVEPOINT one_write" if nested else "BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK TO one_write" if nested else "ROLLBACK")
        if nested:
            db.execute("RELEASE one_write")
        raise
    db.execute("RELEASE one_write" if nested else "COMMIT")


def table_name(bands: int, rows: int) -> str:
    return f"lsh_b{bands}_r{rows}"


def band_tables(db: sqlite3.Connection) -> list[tuple[str, int, int]]:
    """(name, bands, rows) of every band table of the index."""
    names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'lsh_b%'")]
    found = [(name, _TABLE.match(name)) for name in names]
    return sorted((name, int(m.group(1)), int(m.group(2))) for name, m in found if m)


def stored_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """(n, bands) band keys as SQLite integers (signed 64-bit), each band salted apart."""
    keys = band_keys(np.asarray(signatures), bands, rows)
    with np.errstate(over="ignore"):
        keys = keys ^ (np.arange(bands, dtype=np.uint64) * _BAND_SALT)
    return keys.view(np.int64)


def insert_rows(db: sqlite3.Connection, passages: Sequence[int], signatures: np.ndarray) -> None:
    """Add paragraphs (their rowids and signatures) to every band table (inside the caller's transaction)."""
    for name, bands, rows in band_tables(db):
        db.executemany(f"INSERT INTO {name} (key, passage) VALUES (?, ?)", _rows(passages, signatures, bands, rows))


def delete_rows(db: sqlite3.Connection, passages: Sequence[int], signatures: np.ndarray) -> None:
    """Remove paragraphs from every band table (before their rows leave `paragraphs`)."""
    for name, bands, rows in band_tables(db):
        db.executemany(f"DELETE FROM {name} WHERE key = ? AND passage = ?", _rows(passages, signatures, bands, rows))


def _rows(passages: Sequence[int], signatures: np.ndarray, bands: int, rows: int) -> Iterable[tuple[int, int]]:
    if not len(passages):
        return []
    keys = stored_keys(signatures, bands, rows)
    return ((int(key), int(passage)) for passage, row in zip(passages, keys, strict=True) for key in row)


@dataclass
class ParagraphMatches:
    """What a lookup found for one outside paragraph."""

    key: Key
    #: Verified near-copies, most similar first (ties: doc_id, para_id).
    pairs: list[DuplicatePair] = field(default_factory=list)
    #: Further candidates not checked exactly (beyond `max_verified`) whose MinHash estimate is at
    #: or above the threshold: near-copies too, most likely.
    unverified: int = 0
    #: A band key had more than `per_band` entries: the counts are lower bounds.
    capped: bool = False

    @property
    def copies(self) -> int:
        return len(self.pairs) + self.unverified


class StoredLSH:
    """LSH lookups against the band table of an index file (see the module docstring).

    Parameters
    ----------
    db: the index's open connection (`DuplicateIndex`), holding tables `documents` and `paragraphs`.
    threshold, measure: the similarity a pair must reach, and how it is measured.
    per_band: entries read per band key at most.
    max_verified: candidates per paragraph checked exactly at most (best MinHash estimates first).
    estimate_margin: candidates whose estimate is below the LSH threshold by more are dropped unchecked.
    """

    def __init__(
        self,
        db: sqlite3.Connection,
        threshold: float = 0.8,
        measure: str = "jaccard",
        num_perm: int = DEFAULT_NUM_PERM,
        shingle_size: int = DEFAULT_SHINGLE_SIZE,
        min_recall: float = DEFAULT_MIN_RECALL,
        containment_ratio: float = 0.5,
        per_band: int = 200,
        max_verified: int = 50,
        estimate_margin: float = 0.2,
    ) -> None:
        self.db = db
        self.threshold = threshold
        self.measure = measure
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.per_band = per_band
        self.max_verified = max_verified
        self.estimate_margin = estimate_margin
        self.lsh_threshold = lsh_threshold(threshold, measure, containment_ratio)
        self.bands, self.rows = choose_bands(self.lsh_threshold, num_perm, min_recall)
        self.table = table_name(self.bands, self.rows)

    def ensure_table(self) -> StoredLSH:
        """Create and fill the band table from the stored signatures if the index has none yet.

        The rows go in before the key index is made: one sort instead of millions of B-tree inserts.
        """
        if any(name == self.table for name, _, _ in band_tables(self.db)):
            return self
        with write_transaction(self.db):
            self.db.execute(f"CREATE TABLE {self.table} (key INTEGER NOT NULL, passage INTEGER NOT NULL)")
            cursor = self.db.execute("SELECT rowid, signature FROM paragraphs ORDER BY rowid")
            while chunk := cursor.fetchmany(_FILL_CHUNK):
                signatures = np.frombuffer(b"".join(row[1] for row in chunk), dtype="<u4").reshape(len(chunk), self.num_perm)
                self.db.executemany(
                    f"INSERT INTO {self.table} (key, passage) VALUES (?, ?)",
                    _rows([row[0] for row in chunk], signatures, self.bands, self.rows),
                )
            self.db.execute(f"CREATE INDEX {self.table}_by_key ON {self.table} (key, passage)")
        if self.db.in_transaction:
            return self  # inside the caller's transaction: the log is moved after it, by a later lookup's table check or never
        # The table went into the write-ahead log in one transaction (a gigabyte at 100,000 reports),
        # and lookups only read after it, so nothing would move it into the file: move it now and
        # give the log's space back. Where a reader holds the log, this does what it can.
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return self

    def lookup(
        self, keys: Sequence[Key], texts: Sequence[str], signatures: np.ndarray, shingle_sets: Sequence[np.ndarray] | None = None
    ) -> list[ParagraphMatches]:
        """Near-copies of each outside paragraph among the indexed paragraphs of other documents.

        `shingle_sets`: the outside texts' shingles, if the caller has them; else those of the few
        paragraphs that have candidates to check are made here (most paragraphs have none)."""
        results = [ParagraphMatches((str(doc), para)) for doc, para in keys]
        if not len(keys):
            return results
        band_rows = stored_keys(signatures, self.bands, self.rows).tolist()
        listed = self._probe({key for row in band_rows for key in row})
        candidates: list[set[int]] = []
        for number, row in enumerate(band_rows):
            found: set[int] = set()
            for key in row:
                entries_of_key = listed.get(key, ())
                found.update(entries_of_key[: self.per_band])
                results[number].capped |= len(entries_of_key) > self.per_band
            candidates.append(found)
        entries = self._entries(sorted(set().union(*candidates)))
        own_keys = self._doc_keys({result.key[0] for result in results})
        outside: list[int] = []
        inside: list[int] = []
        for number, found in enumerate(candidates):
            own_doc = own_keys.get(results[number].key[0])
            others = [p for p in sorted(found) if p in entries and entries[p][0] != own_doc]
            if not others:
                continue
            estimates = (np.stack([entries[p][1] for p in others]) == signatures[number]).mean(axis=1)
            plausible = np.flatnonzero(estimates >= self.lsh_threshold - self.estimate_margin)
            # Best estimates first; ties by rowid, so that the choice is the same in every run.
            ranked = sorted(plausible.tolist(), key=lambda i: (-estimates[i], others[i]))
            checked, rest = ranked[: self.max_verified], ranked[self.max_verified :]
            results[number].unverified = int(sum(estimates[i] >= self.lsh_threshold for i in rest))
            outside.extend([number] * len(checked))
            inside.extend(others[i] for i in checked)
        if not outside:
            return results
        rowids = sorted(set(inside))
        identities = self._identities(rowids)
        position = {rowid: i for i, rowid in enumerate(rowids)}
        probed = sorted(set(outside))
        own = {number: i for i, number in enumerate(probed)}
        own_sets = [shingle_sets[n] for n in probed] if shingle_sets is not None else shingle_batch([texts[n] for n in probed], self.shingle_size)
        sets = own_sets + shingle_batch([identities[r][2] for r in rowids], self.shingle_size)
        first = np.array([own[n] for n in outside])
        similarity = pair_similarities(sets, first, len(own_sets) + np.array([position[r] for r in inside]), self.measure)
        for number, rowid, value in zip(outside, inside, similarity.tolist(), strict=True):
            if value >= self.threshold:
                doc_b, para_b, text_b = identities[rowid]
                doc_a, para_a = results[number].key
                results[number].pairs.append(DuplicatePair(doc_a, para_a, doc_b, para_b, float(value), texts[number], text_b))
        for result in results:
            result.pairs.sort(key=lambda p: (-p.similarity, p.doc_b, str(p.para_b)))
        return results

    def matches(
        self, keys: Sequence[Key], texts: Sequence[str], signatures: np.ndarray, shingle_sets: Sequence[np.ndarray]
    ) -> list[DuplicatePair]:
        """The verified pairs of `lookup`, outside paragraph first."""
        return [pair for result in self.lookup(keys, texts, signatures, shingle_sets) for pair in result.pairs]

    def _probe(self, keys: Iterable[int]) -> dict[int, list[int]]:
        """Band key -> the first `per_band` + 1 passages of the key (by rowid; one more than are read
        as candidates, so that a capped key shows), for the distinct keys of a whole lookup in a few
        statements (a paragraph's keys, one statement each, were most of a lookup's time)."""
        first = f"SELECT key, passage FROM (SELECT key, passage FROM {self.table} WHERE key = ? ORDER BY passage LIMIT {int(self.per_band) + 1})"
        wanted = sorted(keys)
        listed: dict[int, list[int]] = {}
        for start in range(0, len(wanted), _PROBE_GROUP):
            group = wanted[start : start + _PROBE_GROUP]
            for key, passage in self.db.execute(" UNION ALL ".join([first] * len(group)), group):
                listed.setdefault(key, []).append(passage)
        for passages in listed.values():
            passages.sort()  # a compound SELECT promises no order
        return listed

    def _entries(self, rowids: Sequence[int]) -> dict[int, tuple[int, np.ndarray]]:
        """rowid -> (doc_key, signature): what ranking the candidates needs (a lookup reads thousands)."""
        out: dict[int, tuple[int, np.ndarray]] = {}
        for chunk in _chunks(rowids):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT rowid, doc_key, signature FROM paragraphs WHERE rowid IN ({marks})", chunk).fetchall()
            if not rows:
                continue
            signatures = np.frombuffer(b"".join(row[2] for row in rows), dtype="<u4").reshape(len(rows), self.num_perm)
            out.update((row[0], (row[1], signature)) for row, signature in zip(rows, signatures, strict=True))
        return out

    def _doc_keys(self, doc_ids: Iterable[str]) -> dict[str, int]:
        """doc_id -> doc_key of those documents the index holds."""
        out: dict[str, int] = {}
        for doc_id in doc_ids:
            row = self.db.execute("SELECT doc_key FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
            if row is not None:
                out[doc_id] = row[0]
        return out

    def _identities(self, rowids: Sequence[int]) -> dict[int, tuple[str, object, str]]:
        """rowid -> (doc_id, para_id, text) of the candidates checked exactly."""
        out: dict[int, tuple[str, object, str]] = {}
        for chunk in _chunks(rowids):
            marks = ",".join("?" * len(chunk))
            for rowid, doc_id, para_id, text in self.db.execute(
                f"SELECT p.rowid, d.doc_id, p.para_id, p.text FROM paragraphs p JOIN documents d USING (doc_key) WHERE p.rowid IN ({marks})",
                chunk,
            ):
                out[rowid] = (doc_id, json.loads(para_id), text)
        return out


def _chunks(values: Sequence[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(values), size):
        yield list(values[start : start + size])
