"""The index file itself: its schema, its settings, and the checks that refuse a file that is not a
govreport index before SQLite touches it (`nlp.duplicates.index` opens it)."""

from __future__ import annotations

import os
from pathlib import Path

from nlp.errors import IndexError_

#: Default index file (in the working folder) where no path is given (the command line also reads
#: $GOVREPORT_INDEX: `nlp.cli.common.index_path`).
DEFAULT_INDEX_FILE = "govreport_index.sqlite"
SCHEMA_VERSION = 2

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_key INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    agency TEXT,
    year INTEGER,
    source TEXT,
    n_paragraphs INTEGER NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_by_hash ON documents(content_hash);
CREATE TABLE IF NOT EXISTS paragraphs (
    doc_key INTEGER NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,
    para_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    signature BLOB NOT NULL,
    PRIMARY KEY (doc_key, para_id)
);
"""


#: The tables and settings every govreport index has: a database without them is someone else's.
INDEX_TABLES = frozenset({"meta", "documents", "paragraphs"})
INDEX_SETTINGS = frozenset({"schema_version", "num_perm", "shingle_size", "seed", "min_chars"})
_SQLITE_HEADER = b"SQLite format 3\x00"


class ForeignIndexError(IndexError_):
    """The file given as an index is not one (another program's database, a text file): refused untouched."""

    #: The command line exits 2 (a usage error: the wrong file was given), not 1.
    exit_code = 2


def check_index_file(path: str | os.PathLike[str]) -> None:
    """Refuse, before opening it, a file that cannot be a govreport index: a folder, or a non-empty file
    that is not an SQLite database (SQLite would refuse it too, but only after creating a journal beside it)."""
    path = Path(path)
    if path.is_dir():
        raise ForeignIndexError(f"{path}: is a folder, not an index file; give a file name for --index")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return  # a new index
    except OSError as exc:
        raise IndexError_(f"{path}: cannot open the index ({exc.strerror or exc})") from exc
    if header and header != _SQLITE_HEADER:
        raise ForeignIndexError(f"{path}: cannot open: not a govreport index (not an SQLite database); left untouched. Give another --index file, or a new name")
