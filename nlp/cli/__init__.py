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
    "analyze",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govreport",
        description="Read 政府信息公开工作年度报告 and turn them into data.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"nlp.cli.{name}")
        except ModuleNotFoundError as exc:  # a command group not built yet
            if exc.name != f"nlp.cli.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from nlp.errors import GovReportError

    try:
        return int(args.func(args) or 0)
    except GovReportError as exc:
        print(f"govreport: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("govreport: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
