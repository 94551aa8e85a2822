"""govreport: read 政府信息公开工作年度报告 and turn them into data.

The public API is re-exported here lazily, so that `import nlp` does no work (no jieba,
no scikit-learn, no model loading) until a function is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # data classes
    "Report": "nlp.report",
    "Section": "nlp.report",
    "Paragraph": "nlp.report",
    "Cell": "nlp.report",
    "Finding": "nlp.report",
    "SECTION_KEYS": "nlp.report",
    # annotations the pipeline leaves on a report, and its JSON
    "ParagraphAnnotations": "nlp.report",
    "ReportAnnotations": "nlp.report",
    "Tables": "nlp.report",
    "Copies": "nlp.report",
    "Match": "nlp.report",
    "Reuse": "nlp.report",
    "Years": "nlp.report",
    "ReportStats": "nlp.reportjson",
    "to_json": "nlp.reportjson",
    "from_json": "nlp.reportjson",
    # errors
    "GovReportError": "nlp.errors",
    "ReadError": "nlp.errors",
    "LabelFileError": "nlp.errors",
    "ModelError": "nlp.errors",
    "ReadLimitError": "nlp.errors",
    "TrainingSettingError": "nlp.errors",
    "OutputBusyError": "nlp.outputdir",
    "OutputInUseError": "nlp.outputdir",
    # inputs: paths, folders and JSON Lines -> reports, paragraph records or failures
    "read_inputs": "nlp.inputs",
    "read_sources": "nlp.inputs",
    "InputFailure": "nlp.inputs",
    "ParagraphRecords": "nlp.inputs",
    "JsonlMode": "nlp.jsonl",
    # read -> normalise -> structure
    "read_text": "nlp.read",
    "ReadLimits": "nlp.read",
    "normalize_text": "nlp.normalize",
    "clean_text": "nlp.normalize",
    "NormalizedText": "nlp.normalize",
    "parse_text": "nlp.structure",
    "parse_reports": "nlp.structure",
    "read_report": "nlp.structure",
    "read_reports": "nlp.structure",
    "ReportPart": "nlp.report",
    "split_reports": "nlp.structure",
    # statistical tables
    "extract_tables": "nlp.tables.extract",
    "read_tables": "nlp.tables.extract",
    "TableExtraction": "nlp.tables.extract",
    "check_report": "nlp.tables.checks",
    "CheckCounts": "nlp.checkcounts",
    "check_across_years": "nlp.tables.continuity",
    "YearRecord": "nlp.tables.continuity",
    "link_years": "nlp.tables.continuity",
    "agency_key": "nlp.agency",
    "FindingStatus": "nlp.findings",
    "Fault": "nlp.findings",
    # boilerplate scores
    "BoilerplateScorer": "nlp.boilerplate.score",
    "report_score": "nlp.boilerplate.score",
    "CommonnessModel": "nlp.boilerplate.commonness",
    "SpecificityScorer": "nlp.boilerplate.specificity",
    "GenericModel": "nlp.boilerplate.generic",
    "fit_boilerplate": "nlp.boilerplate.train",
    "TrainingOnly": "nlp.boilerplate.evaluate",
    "load_boilerplate_scorer": "nlp.boilerplate.loading",
    # paragraph classifier
    "load_model": "nlp.classify.loading",
    "train_model": "nlp.classify.train",
    "ParagraphClassifier": "nlp.classify.model",
    "segment_report": "nlp.classify.segment",
    "read_labelled": "nlp.labels",
    "section_key_for_heading": "nlp.sections",
    # copy-paste across reports
    "find_duplicates": "nlp.duplicates.find",
    "DuplicatePair": "nlp.duplicates.lsh",
    "DuplicateIndex": "nlp.duplicates.index",
    "duplicate_families": "nlp.duplicates.families",
    "year_over_year": "nlp.duplicates.families",
    # the whole job (the batch function itself is `nlp.analyze.analyze`: the module has its name)
    "analyze_report": "nlp.analyze",
    "analyze_reports": "nlp.analyze",
    "AnalysisConfig": "nlp.analyze",
    "BatchResult": "nlp.analyze",
    "iter_results": "nlp.analyze",
    "Steps": "nlp.pipeline",
    "classify_report": "nlp.pipeline",
    # writing tables for people
    "write_csv": "nlp.export",
    "write_table": "nlp.export",
    "write_workbook": "nlp.export",
    "Sheet": "nlp.export",
}

if TYPE_CHECKING:  # pragma: no cover
    from nlp.agency import agency_key
    from nlp.analyze import AnalysisConfig, BatchResult, analyze_report, analyze_reports, iter_results
    from nlp.boilerplate.commonness import CommonnessModel
    from nlp.boilerplate.evaluate import TrainingOnly
    from nlp.boilerplate.generic import GenericModel
    from nlp.boilerplate.loading import load_boilerplate_scorer
    from nlp.boilerplate.score import BoilerplateScorer, report_score
    from nlp.boilerplate.specificity import SpecificityScorer
    from nlp.boilerplate.train import fit_boilerplate
    from nlp.checkcounts import CheckCounts
    from nlp.classify.loading import load_model
    from nlp.classify.model import ParagraphClassifier
    from nlp.classify.segment import segment_report
    from nlp.classify.train import train_model
    from nlp.duplicates.families import duplicate_families, year_over_year
    from nlp.duplicates.find import find_duplicates
    from nlp.duplicates.index import DuplicateIndex
    from nlp.duplicates.lsh import DuplicatePair
    from nlp.errors import (
        GovReportError,
        LabelFileError,
        ModelError,
        ReadError,
        ReadLimitError,
        TrainingSettingError,
    )
    from nlp.export import Sheet, write_csv, write_table, write_workbook
    from nlp.findings import Fault, FindingStatus
    from nlp.inputs import InputFailure, ParagraphRecords, read_inputs, read_sources
    from nlp.jsonl import JsonlMode
    from nlp.labels import read_labelled
    from nlp.normalize import NormalizedText, clean_text, normalize_text
    from nlp.outputdir import OutputBusyError, OutputInUseError
    from nlp.pipeline import Steps, classify_report
    from nlp.read import ReadLimits, read_text
    from nlp.report import (
        SECTION_KEYS,
        Cell,
        Copies,
        Finding,
        Match,
        Paragraph,
        ParagraphAnnotations,
        Report,
        ReportAnnotations,
        ReportPart,
        Reuse,
        Section,
        Tables,
        Years,
    )
    from nlp.reportjson import ReportStats, from_json, to_json
    from nlp.sections import section_key_for_heading
    from nlp.structure import parse_reports, parse_text, read_report, read_reports, split_reports
    from nlp.tables.checks import check_report
    from nlp.tables.continuity import YearRecord, check_across_years, link_years
    from nlp.tables.extract import TableExtraction, extract_tables, read_tables

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'nlp' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
