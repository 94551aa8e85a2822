"""What a check concluded and whose fault a failure is: the vocabulary of every `Finding`.

Both are str-valued enums, so a finding's JSON, CSV and Excel output stays the plain strings
(`"fail"`, `"report"`) while code can name the values and a type checker can see them.

* `FindingStatus.PASS` – the rule holds on the cells (or text) as printed;
* `FindingStatus.FAIL` – it does not, and the evidence is plain: the cells were read as printed,
  the heading or the table is really not in the text. Always `Fault.REPORT`;
* `FindingStatus.UNCERTAIN` – it does not, or something is absent, but reading may be to blame: a
  cell placed by a repair, a table whose title or row labels stand in the text while its numbers
  could not be read, a section heading the parser did not keep. `Fault.EXTRACTION` where we are
  the likelier cause; also used for audits that are questions rather than verdicts;
* `FindingStatus.NOT_ASSESSABLE` – a cell or a section the check needs is missing or blank.

The module holds no logic on purpose: `nlp.tables.checks`, `audits`, `narrative` and the
continuity checks all import it, and none of them has to import another to name a status.
"""

from __future__ import annotations

from enum import Enum


class _StrValued(str, Enum):
    # `str(status)` and f-strings give the value, as the plain strings of earlier versions did
    # (a mixed-in str Enum prints `FindingStatus.FAIL` otherwise).
    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


class FindingStatus(_StrValued):
    PASS = "pass"
    FAIL = "fail"
    UNCERTAIN = "uncertain"
    NOT_ASSESSABLE = "not_assessable"


class Fault(_StrValued):
    #: The agency's: the report prints numbers that break a rule, or lacks what it must have.
    REPORT = "report"
    #: Ours: reading or structuring the text lost or misplaced what the report has.
    EXTRACTION = "extraction"


PASS, FAIL, UNCERTAIN, NOT_ASSESSABLE = FindingStatus.PASS, FindingStatus.FAIL, FindingStatus.UNCERTAIN, FindingStatus.NOT_ASSESSABLE
REPORT, EXTRACTION = Fault.REPORT, Fault.EXTRACTION

__all__ = ["EXTRACTION", "FAIL", "NOT_ASSESSABLE", "PASS", "REPORT", "UNCERTAIN", "Fault", "FindingStatus"]
