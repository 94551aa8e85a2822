"""What "a failed check" and "a report with failures" mean, defined once for `govreport check`,
summary.csv and index.html.

A report *fails* where a rule of the tables fails (`nlp.tables.checks.TABLE_RULES`: a table
missing, a total that does not add up, a narrative number no reading of the tables fits). Failed
audits (numbering, an empty section 五, doubled words) are counted apart and make a report fail
only when asked (`strict`, `govreport check --strict`). `uncertain` (what reading lost) and
`not_assessable` are counted apart too, never as failures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from nlp.report import Finding


@dataclass(frozen=True)
class CheckCounts:
    failed: int = 0
    audits_failed: int = 0
    uncertain: int = 0
    not_assessable: int = 0
    passed: int = 0

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> CheckCounts:
        from nlp.tables.checks import TABLE_RULES

        counts = {"failed": 0, "audits_failed": 0, "uncertain": 0, "not_assessable": 0, "passed": 0}
        for finding in findings:
            if finding.status == "fail":
                counts["failed" if finding.rule in TABLE_RULES else "audits_failed"] += 1
            elif finding.status == "pass":
                counts["passed"] += 1
            elif finding.status in ("uncertain", "not_assessable"):
                counts[finding.status] += 1
        return cls(**counts)

    def report_fails(self, strict: bool = False) -> bool:
        """True for a report with failures (with `strict`, a failed audit is one too)."""
        return bool(self.failed or (strict and self.audits_failed))


__all__ = ["CheckCounts"]
