"""Command-line options shared by the commands that read reports or load models: the reader's
limits (`nlp.read.ReadLimits`), what JSON Lines inputs hold (`--jsonl`) and the wording of `--trust-model`.

Each command adds the flags it honours (`add_limit_arguments`) and turns them into a `ReadLimits`
explicitly (`read_limits`); nothing is read from the environment or kept between calls.
"""

from __future__ import annotations

import argparse
from dataclasses import fields

from nlp.read import HTML_PARSER_DEPTH, ReadLimits

MB = 1024 * 1024

#: Flag, ReadLimits field, unit in bytes (1 for counts), help. Sizes are given in MiB on the command line.
LIMIT_FLAGS: tuple[tuple[str, str, int, str], ...] = (
    ("--max-file-mb", "max_bytes", MB, "size of one input file (of one line, in a .jsonl)"),
    ("--max-chars", "max_chars", 1, "characters of text one file (one line of a .jsonl) may yield"),
    ("--max-pdf-pages", "max_pdf_pages", 1, "pages of a PDF"),
    ("--max-pdf-unpacked-mb", "max_pdf_unpacked", MB, "what a PDF's compressed streams may inflate to"),
    ("--max-docx-unpacked-mb", "max_docx_unpacked", MB, "what a .docx's zip members may inflate to"),
    ("--max-docx-members", "max_docx_members", 1, "members of a .docx's zip"),
    ("--max-html-depth", "max_html_depth", 1, f"element nesting of an HTML page (at most {HTML_PARSER_DEPTH})"),
)

#: The help of `--trust-model`, the same in every command that loads a model.
TRUST_MODEL_HELP = (
    "load a model file whose sha256 is neither pinned in the package nor in its card. Models are read in the "
    "skops format, which rebuilds only listed scikit-learn/numpy types and runs no code from the file; the hash "
    "check catches a changed or half-copied file. Pickled (.joblib) models are refused even with this flag: "
    "loading a pickle runs whatever code it carries, so only convert one you made yourself "
    "(nlp.modelfiles.store.export_model)"
)


def _positive(unit: int, flag: str):
    def parse(text: str) -> int:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{flag} takes a number, not {text!r}") from None
        if not value > 0:
            raise argparse.ArgumentTypeError(f"{flag} must be above 0, not {text}")
        return max(1, round(value * unit))

    return parse


def add_limit_arguments(parser: argparse.ArgumentParser) -> None:
    """The reader's limits as flags (defaults: `ReadLimits()`); a file over one is one error record."""
    defaults = ReadLimits()
    group = parser.add_argument_group(
        "limits on one input file",
        "a file (or a line of a .jsonl) over a limit is refused with one error naming the limit (the others are processed); "
        "raise a limit for a genuine file",
    )
    for flag, field_name, unit, what in LIMIT_FLAGS:
        default = getattr(defaults, field_name)
        shown = f"{default / unit:g} MiB" if unit == MB else f"{default:,}"
        group.add_argument(flag, dest=f"limit_{field_name}", type=_positive(unit, flag), default=None, metavar="N", help=f"{what} (default {shown})")


def add_jsonl_argument(parser: argparse.ArgumentParser) -> None:
    """`--jsonl auto|reports|paragraphs`, for the commands that take paragraph records as well as reports."""
    from nlp.jsonl import JSONL_MODES

    parser.add_argument(
        "--jsonl",
        choices=JSONL_MODES,
        default="auto",
        help="what the .jsonl inputs hold: whole reports (one report's text a line) or paragraph records (one "
        "paragraph a line, as labelled files); auto (default) decides per file from its first records and refuses "
        "a file that could be either",
    )


def add_split_argument(parser: argparse.ArgumentParser) -> None:
    """`--no-split`: read only the first report of a file that holds several, for the commands that read report files
    (each is a report of its own by default: `nlp.structure.parse_reports`). Sets `args.split`."""
    parser.add_argument(
        "--no-split",
        dest="split",
        action="store_false",
        help="read only the first report of a file that holds several (a county's bound volume, a page of several "
        "years), with a warning where the next begins; by default each is a report of its own, DOC_ID.1, DOC_ID.2 …",
    )


def read_limits(args: argparse.Namespace) -> ReadLimits:
    """The `ReadLimits` the flags of `add_limit_arguments` ask for; a setting out of range is a usage error."""
    from nlp.cli.common import UsageError

    given = {f.name: getattr(args, f"limit_{f.name}") for f in fields(ReadLimits) if getattr(args, f"limit_{f.name}", None) is not None}
    try:
        return ReadLimits(**given)
    except ValueError as exc:
        flag = next((flag for flag, name, _, _ in LIMIT_FLAGS if name in str(exc)), "a limit")
        raise UsageError(f"{flag}: {exc}") from None
