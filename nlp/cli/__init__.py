"""The `govreport` command: argument parsing and printing only; the work lives in the modules.

Each command group is a module of this package with a `register(subparsers)` function.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

#: Command modules, in the order `govreport --help` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "parse",
    "tables",
    "classify",
    "boilerplate",
    "duplicates",
    "analyze",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govreport",
        description="Read 政府信息公开工作年度报告 and turn them into data.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        # A command module that fails to import is a bug to see, not a command to drop silently.
        importlib.import_module(f"nlp.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2  # EXIT_USAGE (nlp.cli.common, not imported for --help)
    from nlp.cli.common import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, UsageError, error
    from nlp.errors import GovReportError

    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        error(str(exc))
        return EXIT_USAGE
    except GovReportError as exc:
        error(str(exc))
        # An error class may say the command line was at fault (e.g. a file that is not an index: 2).
        return int(getattr(exc, "exit_code", EXIT_FAILED))
    except KeyboardInterrupt:
        print("govreport: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
