"""The XLSX files `nlp.export.write_workbook` makes, written directly: a zip of the few XML parts a
workbook of plain sheets needs, each sheet streamed row by row.

openpyxl (which wrote them before, in its write-only mode) cost a batch ~0.18 s to import and ~10 µs
a cell, most of the time a one-job `analyze` spent on `summary.xlsx`. What is written is what
openpyxl wrote for these sheets, read back the same by openpyxl and pandas: inline strings, numbers
as `%.16g` (NaN and infinities as empty numbers), booleans, empty cells; a frozen header row; column
widths; Calibri 11. Differences: text is stored as UTF-8 rather than character references, no
theme part (the font names its colour and face itself), and a text is never a formula nor an error
cell (`#N/A` from a report stays text). openpyxl still reads workbooks (`nlp.labels`).
"""

from __future__ import annotations

import datetime as _dt
import decimal
import math
import numbers
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import IO, Any

#: Characters a worksheet cannot hold (XML 1.0 refuses them); openpyxl refused them alike.
ILLEGAL_CHARACTERS = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
#: Characters a cell holds at most (Excel's limit; openpyxl cut longer texts alike).
MAX_CELL_CHARACTERS = 32767
#: Rows encoded and handed to the zip at once.
_ROWS_A_WRITE = 500

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

_STYLES = (
    f'<styleSheet xmlns="{_MAIN}"><numFmts count="0"/>'
    '<fonts count="1"><font><name val="Calibri"/><family val="2"/><color rgb="FF000000"/><sz val="11"/></font></fonts>'
    '<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '<tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
)
_SHEET_START = (
    f'<worksheet xmlns="{_MAIN}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr/></sheetPr>'
    '<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
    '<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>{cols}<sheetData>'
)
_FROZEN_HEADER = '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A1" sqref="A1"/>'
_SHEET_END = '</sheetData><pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>'


class XlsxError(ValueError):
    """A value a worksheet cannot hold."""


def column_letter(number: int) -> str:
    """`A` for 1, `Z` for 26, `AA` for 27 …"""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _text(value: str) -> str:
    """A text for XML content: cut to a cell's size, refused if it holds a control character; a
    carriage return as a reference (a parser would make it a line feed)."""
    value = value[:MAX_CELL_CHARACTERS]
    if ILLEGAL_CHARACTERS.search(value):
        raise XlsxError(f"{value[:80]!r}…: holds a control character, which a worksheet cannot hold")
    if "&" in value or "<" in value or ">" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("\r", "&#13;") if "\r" in value else value


def _cell(reference: str, value: Any) -> str:
    if value is None:
        return f'<c r="{reference}" t="n"></c>'
    if value.__class__ is str:
        if not value:
            return f'<c r="{reference}" t="inlineStr"></c>'
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f'<c r="{reference}" t="inlineStr"><is><t{space}>{_text(value)}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{reference}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (numbers.Real, decimal.Decimal)):
        shown = "" if math.isnan(value) or math.isinf(value) else f"{float(value):.16g}"  # as openpyxl wrote numbers
        return f'<c r="{reference}" t="n"><v>{shown}</v></c>'
    if isinstance(value, str):  # a subclass of str
        return _cell(reference, str(value))
    raise XlsxError(f"cannot write {value!r} ({type(value).__name__}) into a worksheet cell")


class Workbook:
    """An XLSX file being written to `handle` (binary, seekable): sheets one after another, each
    streamed; `close` (or the end of a `with` block) writes the workbook's other parts and the
    zip's directory."""

    def __init__(self, handle: IO[bytes]) -> None:
        self._zip = zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED)
        self._names: list[str] = []

    def add_sheet(self, name: str, widths: Sequence[float], rows: Iterable[Sequence[Any]], freeze_header: bool = True) -> None:
        """A sheet of `rows` (each a sequence of cells from column A), its columns `widths` wide."""
        self._names.append(name)
        cols = "".join(f'<col width="{float(width):.16g}" customWidth="1" min="{n}" max="{n}"/>' for n, width in enumerate(widths, start=1))
        start = _SHEET_START.format(pane=_FROZEN_HEADER if freeze_header else "", cols=f"<cols>{cols}</cols>" if cols else "")
        letters: list[str] = []
        with self._zip.open(f"xl/worksheets/sheet{len(self._names)}.xml", "w") as part:
            part.write(start.encode("utf-8"))
            pending: list[str] = []
            for number, row in enumerate(rows, start=1):
                while len(letters) < len(row):
                    letters.append(column_letter(len(letters) + 1))
                cells = "".join([_cell(f"{letter}{number}", value) for letter, value in zip(letters, row, strict=False)])
                pending.append(f'<row r="{number}">{cells}</row>')
                if len(pending) >= _ROWS_A_WRITE:
                    part.write("".join(pending).encode("utf-8"))
                    pending.clear()
            part.write(("".join(pending) + _SHEET_END).encode("utf-8"))

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> None:
        if kind is None:
            self.close()
        else:  # the caller's temporary is thrown away: the zip only lets go of it
            self._zip.close()

    def close(self) -> None:
        """Write the workbook's parts besides its sheets, and the zip's directory."""
        sheets = range(1, len(self._names) + 1)
        overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{_SHEET_TYPE}"/>' for n in sheets)
        self._zip.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
            f"{overrides}"
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        self._zip.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
            f'<Relationship Type="{_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml" Id="rId1"/>'
            f'<Relationship Type="{_PACKAGE_RELATIONSHIPS}/metadata/core-properties" Target="docProps/core.xml" Id="rId2"/>'
            f'<Relationship Type="{_RELATIONSHIPS}/extended-properties" Target="docProps/app.xml" Id="rId3"/></Relationships>',
        )
        now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._zip.writestr(
            "docProps/app.xml",
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>govreport</Application></Properties>',
        )
        self._zip.writestr(
            "docProps/core.xml",
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>govreport</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified></cp:coreProperties>',
        )
        relations = "".join(f'<Relationship Type="{_RELATIONSHIPS}/worksheet" Target="/xl/worksheets/sheet{n}.xml" Id="rId{n}"/>' for n in sheets)
        styles = len(self._names) + 1
        self._zip.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">{relations}'
            f'<Relationship Type="{_RELATIONSHIPS}/styles" Target="styles.xml" Id="rId{styles}"/></Relationships>',
        )
        listed = "".join(f'<sheet name="{_attribute(name)}" sheetId="{n}" state="visible" r:id="rId{n}"/>' for n, name in zip(sheets, self._names, strict=True))
        self._zip.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}"><workbookPr/>'
            '<bookViews><workbookView visibility="visible" minimized="0" showHorizontalScroll="1" showVerticalScroll="1" '
            'showSheetTabs="1" tabRatio="600" firstSheet="0" activeTab="0" autoFilterDateGrouping="1"/></bookViews>'
            f'<sheets>{listed}</sheets><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>',
        )
        self._zip.writestr("xl/styles.xml", _STYLES)
        self._zip.close()


def _attribute(value: str) -> str:
    return _text(value).replace('"', "&quot;")


__all__ = ["MAX_CELL_CHARACTERS", "Workbook", "XlsxError", "column_letter"]
