"""Reading hand-labelled paragraphs (JSONL, CSV, XLSX in the format of ANNOTATION.md), with clear errors.

A labelled file holds one unit a line/row with the guide's fields: `doc_id`, `para_index`, `text`,
`kind`, `label`, `mixed`, `generic`. Only `doc_id`, `text` and `label` are required; a missing
`kind` means `narrative` for labelled rows, and a missing `para_index` is the row's order in the file.
Optional `section` and `topic` columns carry a paragraph's context where its headings are not in
the file (as in the spreadsheets `govreport suggest` writes).

Every problem a user can cause is a `LabelFileError` naming the file, the line and the fix.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlp.errors import LabelFileError

#: The eight labels of ANNOTATION.md, in the guide's order.
GUIDE_LABELS: tuple[str, ...] = (
    "active_disclosure",
    "application",
    "info_management",
    "platform",
    "organization",
    "problem",
    "improvement",
    "other",
)
#: What the guide calls each label in Chinese, for pages a Chinese reader reads.
LABEL_NAMES: dict[str, str] = {
    "active_disclosure": "主动公开",
    "application": "依申请公开",
    "info_management": "政府信息管理",
    "platform": "平台建设",
    "organization": "组织保障与监督",
    "problem": "存在的问题",
    "improvement": "改进措施",
    "other": "其他",
}


def label_name(label: str) -> str:
    """The guide's Chinese name of a label; a label of the user's own model keeps its key."""
    return LABEL_NAMES.get(label, label)


KINDS: tuple[str, ...] = ("narrative", "heading", "table", "meta")
REQUIRED_FIELDS: tuple[str, ...] = ("doc_id", "text", "label")
#: Columns of a spreadsheet ready for labelling, in this order.
GUIDE_COLUMNS: tuple[str, ...] = ("doc_id", "para_index", "text", "kind", "label", "mixed", "generic")
LABEL_FILE_SUFFIXES: tuple[str, ...] = (".jsonl", ".json", ".csv", ".xlsx")

_TRUE = {"true", "1", "yes", "y", "t", "是"}
_FALSE = {"false", "0", "no", "n", "f", "否", ""}


@dataclass
class LabelledUnit:
    """One unit of a labelled file."""

    doc_id: str
    para_index: int
    text: str
    kind: str
    label: str | None
    mixed: bool = False
    generic: bool | None = None
    #: Context given in the file (None: derive it from the headings of the same doc_id).
    section: str | None = None
    topic: str | None = None
    #: `file:line` the unit was read from, for messages.
    origin: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN from a spreadsheet
        return ""
    return str(value).strip()


def _bool_of(value: Any, name: str, where: str) -> bool | None:
    if isinstance(value, bool) or value is None:
        return value
    text = _text_of(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return None if text == "" else False
    raise LabelFileError(f"{where}: `{name}` must be true or false, not {value!r}")


def iter_json_lines(path: str | os.PathLike[str]) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line number, object, None) or (line number, None, problem) for each non-blank line of a JSONL file."""
    with Path(path).open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                yield number, None, f"not valid JSON ({getattr(exc, 'msg', exc)})"
                continue
            if isinstance(record, dict):
                yield number, record, None
            else:
                yield number, None, f"a JSON object is expected, found {type(record).__name__}"


def _rows_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, record, problem in iter_json_lines(path):
        if record is None:
            raise LabelFileError(f"{path}:{number}: {problem}; one JSON object a line is expected")
        yield number, record


def _decode(data: bytes, path: Path) -> str:
    # Spreadsheet programs on Chinese systems save CSV as GB18030 (GBK); others as UTF-8 with a BOM.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LabelFileError(f"{path}: cannot decode as UTF-8 or GB18030; save the CSV as UTF-8")


def _rows_table(header: Sequence[Any], rows: Iterable[tuple[int, Sequence[Any]]], path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    names = [_text_of(name) for name in header]
    for number, values in rows:
        if not any(_text_of(value) for value in values):
            continue
        yield number, {name: value for name, value in zip(names, values, strict=False) if name}


def _rows_csv(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    reader = csv.reader(io.StringIO(_decode(path.read_bytes(), path), newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return
    # Line numbers count the header as line 1 (rows with quoted line breaks shift this, rarely).
    yield from _rows_table(header, ((reader.line_num, row) for row in reader), path)


def _rows_xlsx(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile/KeyError/... for a damaged file
        raise LabelFileError(f"{path}: cannot open as an .xlsx workbook ({type(exc).__name__}: {exc})") from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            return
        yield from _rows_table(header, ((number, row) for number, row in enumerate(rows, start=2)), path)
    finally:
        workbook.close()


def iter_label_rows(path: str | os.PathLike[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, raw record) of a labelled file, by its ending."""
    path = Path(path)
    if not path.is_file():
        raise LabelFileError(f"{path}: labelled file not found")
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json"):
        return _rows_jsonl(path)
    if suffix == ".csv":
        return _rows_csv(path)
    if suffix == ".xlsx":
        return _rows_xlsx(path)
    raise LabelFileError(f"{path}: unknown labelled-file type {suffix or '(none)'}; use .jsonl, .csv or .xlsx")


def read_labelled(
    paths: Iterable[str | os.PathLike[str]],
    labels: Sequence[str] | None = GUIDE_LABELS,
    clean: bool = True,
) -> list[LabelledUnit]:
    """All units of the labelled files, checked.

    labels: the allowed label set (the guide's eight by default); None accepts any label (a user's
        own label set).
    clean: normalise `text` as reports are (nlp.normalize.clean_text): traditional characters,
        pinyin glosses, width variants.
    """
    clean_text = _cleaner() if clean else (lambda text: text)
    allowed = set(labels) if labels is not None else None
    units: list[LabelledUnit] = []
    for raw_path in paths:
        path = Path(raw_path)
        count = 0
        for number, record in iter_label_rows(path):
            where = f"{path}:{number}"
            missing = [name for name in REQUIRED_FIELDS if name not in record]
            if missing:
                raise LabelFileError(
                    f"{where}: missing column {', '.join(repr(m) for m in missing)}; "
                    f"a labelled file needs {', '.join(REQUIRED_FIELDS)} (see ANNOTATION.md)"
                )
            units.append(_unit(record, count, where, allowed, clean_text))
            count += 1
        if count == 0:
            raise LabelFileError(f"{path}: empty labelled file (no units)")
    return units


def _cleaner():
    from nlp.normalize import clean_text

    return clean_text


def _unit(record: dict[str, Any], order: int, where: str, allowed: set[str] | None, clean_text) -> LabelledUnit:
    doc_id = _text_of(record.get("doc_id"))
    if not doc_id:
        raise LabelFileError(f"{where}: empty doc_id; every unit names the report it comes from")
    label = _text_of(record.get("label")) or None
    kind = _text_of(record.get("kind")) or ("narrative" if label else "")
    if kind and kind not in KINDS:
        raise LabelFileError(f"{where}: unknown kind {kind!r}; one of {', '.join(KINDS)}")
    if label is not None:
        if kind != "narrative":
            raise LabelFileError(f"{where}: a {kind} unit has label {label!r}; only narrative units carry a label")
        if allowed is not None and label not in allowed:
            raise LabelFileError(
                f"{where}: unknown label {label!r}; the guide's labels are {', '.join(sorted(allowed))} "
                "(to train on your own label set, say so: --labels a,b,c or --any-labels)"
            )
    raw_index = record.get("para_index")
    if _text_of(raw_index) == "":
        para_index = order
    else:
        try:
            para_index = int(float(_text_of(raw_index)))
        except ValueError as exc:
            raise LabelFileError(f"{where}: para_index must be a whole number, not {raw_index!r}") from exc
    text = clean_text(_text_of(record.get("text")))
    known = {*GUIDE_COLUMNS, "section", "topic"}
    return LabelledUnit(
        doc_id=doc_id,
        para_index=para_index,
        text=text,
        kind=kind or "narrative",
        label=label,
        mixed=bool(_bool_of(record.get("mixed"), "mixed", where)),
        generic=_bool_of(record.get("generic"), "generic", where),
        section=_text_of(record.get("section")) or None,
        topic=_text_of(record.get("topic")) or None,
        origin=where,
        extra={k: v for k, v in record.items() if k not in known},
    )


def labelled_narrative(units: Iterable[LabelledUnit]) -> list[LabelledUnit]:
    """The units a classifier learns from: narrative, with text and a label."""
    return [u for u in units if u.kind == "narrative" and u.label and u.text]


def check_trainable(units: Sequence[LabelledUnit], min_per_label: int = 1) -> Counter[str]:
    """Label counts of the training units; an error if there is nothing to learn."""
    counts = Counter(u.label for u in labelled_narrative(units))
    if not counts:
        raise LabelFileError("no labelled narrative units to train on (every unit lacks a label or text)")
    if len(counts) < 2:
        only = next(iter(counts))
        raise LabelFileError(f"only one class ({only!r}, {counts[only]} units): a classifier needs at least two labels")
    rare = [label for label, n in counts.items() if n < min_per_label]
    if rare:
        raise LabelFileError(
            f"labels with fewer than {min_per_label} units: {', '.join(sorted(rare))}; label more examples or drop them"
        )
    docs = {u.doc_id for u in labelled_narrative(units)}
    if len(docs) < 2:
        raise LabelFileError("all labelled units come from one report; grouped cross-validation needs at least two doc_ids")
    return counts
