"""The `govreport` command: argument parsing and printing only; the work lives in the modules.

Each command group is a module of this package with a `register(subparsers)` function.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
from collections.abc import Sequence

#: Command modules, in the order `govreport --help` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "parse",
    "split",
    "tables",
    "classify",
    "boilerplate",
    "duplicates",
    "analyze",
)

#: Exit code of a run stopped by SIGTERM (128 + 15, what a shell reports for a process it killed).
EXIT_TERMINATED = 128 + signal.SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program stands so that it unwinds as after Ctrl-C (workers stopped,
    temporaries removed), then exits 143 rather than 130."""


class _Parser(argparse.ArgumentParser):
    """argparse with the package's one error line (`govreport: error: …`, exit 2) in every subcommand."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"govreport: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    from nlp import __version__

    parser = _Parser(
        prog="govreport",
        description="Read 政府信息公开工作年度报告 and turn them into data.",
        epilog="Start with: govreport analyze FOLDER --output OUT/, then open OUT/index.html. "
        "Exit codes: 0 all went well; 1 some inputs failed; 2 a usage error; 130 interrupted; 143 terminated.",
    )
    parser.add_argument("--version", action="version", version=f"govreport {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        # A command module that fails to import is a bug to see, not a command to drop silently.
        importlib.import_module(f"nlp.cli.{name}").register(subparsers)
    return parser


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def _stop_behind(exc: BaseException) -> KeyboardInterrupt | None:
    """The Ctrl-C or SIGTERM (`Terminated`) an exception was raised while handling, if any."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return cause
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return None


def _quiet_broken_pipe() -> None:
    """The reader of our output went away (`govreport tables … | head -1`): stop as Unix tools do,
    silently. Standard output is pointed at /dev/null so that the interpreter's final flush of the
    buffered rest does not fail once more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # standard output is not a real file (a test's buffer)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, a usage error: said already; the code is returned
        return exc.code if isinstance(exc.code, int) else 2
    if not getattr(args, "func", None):
        parser.print_help()
        return 2  # EXIT_USAGE (nlp.cli.common, not imported for --help)
    from nlp.cli.common import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, UsageError, error
    from nlp.errors import GovReportError

    previous = signal.signal(signal.SIGTERM, _terminate) if _main_thread() else None
    try:
        from nlp.cli.common import INPUT_ARGUMENTS, require_reports

        for name in INPUT_ARGUMENTS:
            if isinstance(getattr(args, name, None), list):
                require_reports(getattr(args, name))
        return int(args.func(args) or 0)
    except UsageError as exc:
        error(str(exc))
        return EXIT_USAGE
    except GovReportError as exc:
        error(str(exc))
        # An error class may say the command line was at fault (e.g. a file that is not an index: 2).
        return int(getattr(exc, "exit_code", EXIT_FAILED))
    except BrokenPipeError:
        _quiet_broken_pipe()
        return EXIT_FAILED
    except Terminated:
        print("govreport: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        print("govreport: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        # The system refused a file or folder the command named (an output under a file, no
        # permission, a full disk): the user's to fix, said in one line.
        where = f"{exc.filename}: " if exc.filename else ""
        error(f"{where}{exc.strerror or exc}")
        return EXIT_FAILED
    except Exception as exc:
        # A signal that lands while a library starts its worker threads makes the library's own clean-up fail
        # (joblib: "cannot join thread before it is started"): the stop was asked for, not a bug to show.
        stop = _stop_behind(exc)
        if stop is None:
            raise
        print(f"govreport: {'terminated' if isinstance(stop, Terminated) else 'interrupted'}", file=sys.stderr)
        return EXIT_TERMINATED if isinstance(stop, Terminated) else EXIT_INTERRUPTED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
