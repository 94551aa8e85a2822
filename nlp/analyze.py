"""The main job, as the package's API: the per-report steps and the batch over a folder of reports.

`analyze_reports` annotates structured reports in memory (`nlp.pipeline`); `analyze` runs the
batch (`nlp.batch.run`: two passes, resume, joblib/Dask) and writes every output. The modules behind
are: `nlp.pipeline` (steps), `nlp.batch.run`/`nlp.batch.passes`/`nlp.batch.state` (the batch),
`nlp.batch.files` and `nlp.export` (what is written), `nlp.reportjson` (the per-report JSON).
"""

from __future__ import annotations

from collections.abc import Sequence

from nlp.batch.run import AnalysisConfig, BatchResult, analyze, iter_results
from nlp.pipeline import Steps
from nlp.report import Report
from nlp.reportjson import REQUIRED_TOPICS


def analyze_report(report: Report, steps: Steps) -> Report:
    """Run every per-report step on `report` (annotated in place and returned)."""
    return analyze_reports([report], steps)[0]


def analyze_reports(reports: Sequence[Report], steps: Steps) -> list[Report]:
    """`analyze_report` for several reports: the models run once over all their paragraphs. Reports of
    one agency's consecutive years (or two versions of a year) are then checked across years
    (`ReportAnnotations.years`, `nlp.tables.continuity.link_years`)."""
    from nlp.tables.continuity import link_years

    annotated = steps.annotate(reports)
    by_doc = {report.doc_id: report for report in annotated}
    for doc_id, years in link_years(annotated).items():
        by_doc[doc_id].annotations.years = years  # type: ignore[union-attr]
    return annotated


__all__ = ["REQUIRED_TOPICS", "AnalysisConfig", "BatchResult", "Steps", "analyze", "analyze_report", "analyze_reports", "iter_results"]
