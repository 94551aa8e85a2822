"""What hostile files cost the reader: wall time and peak memory per probe, each in a fresh process.

Run: PYTHONPATH=. python benchmarks/bench_hostile.py [--only NAME ...]

The hostile files are made by the same code as tests/test_hostile.py (a 1.1 GB-inflating .docx, a
page of 100,000 nested divs, 19 MB of text, a 5,000-page PDF, a pickle that runs code on load), plus
two large but legitimate inputs (a 2,000-deep page read with the depth limit raised to the parser's
own, a page of 200,000 sibling blocks) and a normal report as a baseline. Each probe reads its file
in a child process that prints its own peak RSS, so probes do not inherit each other's memory.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from test_hostile import (  # noqa: E402
    EXAMPLE,
    _hostile_model,
    huge_text,
    many_page_pdf,
    nested_html,
    stream_bomb_pdf,
    zip_bomb_docx,
)

_CHILD = """
import json, resource, sys, time
from nlp.errors import GovReportError
from nlp.read import ReadLimits, read_text
kind, path, depth = sys.argv[1], sys.argv[2], int(sys.argv[3])
started = time.perf_counter()
try:
    if kind == "model":
        from nlp.classify.loading import load_model
        load_model(path)
    else:
        chars = len(read_text(path, limits=ReadLimits(max_html_depth=depth)))
    outcome = "read" if kind != "model" else "loaded"
    if kind != "model":
        outcome += f" ({chars:,} characters)"
except GovReportError as exc:
    outcome = "refused: " + str(exc).split(": ", 1)[1][:90]
print(json.dumps({"seconds": time.perf_counter() - started, "outcome": outcome,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _wide_html(path: Path, blocks: int = 200_000) -> Path:
    path.write_bytes(b"\xef\xbb\xbf" + ("<html><body>" + "<div>政府信息公开</div>" * blocks + "</body></html>").encode("utf-8"))
    return path


def probes(folder: Path) -> dict[str, tuple[str, Path, int]]:
    """name -> (kind, file, max_html_depth for the read)."""
    good = folder / "good.txt"
    good.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return {
        "baseline: the example report (.txt)": ("read", good, 1_000),
        "zip bomb .docx (inflates to 1.1 GB)": ("read", zip_bomb_docx(folder / "bomb.docx"), 1_000),
        "HTML, 100,000 nested divs": ("read", nested_html(folder / "nested.html"), 1_000),
        "HTML, 2,000 nested divs, limit raised": ("read", nested_html(folder / "deep.html", depth=2_000), 2_048),
        "HTML, 200,000 sibling blocks": ("read", _wide_html(folder / "wide.html"), 1_000),
        "text, 19 MB": ("read", huge_text(folder / "huge.txt"), 1_000),
        "text, 7 MB (decoded, then refused)": ("read", huge_text(folder / "long.txt", megabytes=7), 1_000),
        "PDF, 5,000 pages": ("read", many_page_pdf(folder / "pages.pdf"), 1_000),
        "PDF stream bomb (inflates to 1.1 GB)": ("read", stream_bomb_pdf(folder / "streambomb.pdf"), 1_000),
        "pickled model that runs code": ("model", _hostile_model(folder, folder / "pwned.txt"), 1_000),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="run only probes whose name contains one of these words")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_hostile_") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        chosen = probes(folder)
        print(f"made the probe files in {time.perf_counter() - started:.1f} s", flush=True)
        print(f"{'probe':42} {'bytes':>12} {'seconds':>8} {'peak MB':>8}  outcome")
        for name, (kind, path, depth) in chosen.items():
            if args.only and not any(word.lower() in name.lower() for word in args.only):
                continue
            child = subprocess.run(
                [sys.executable, "-c", _CHILD, kind, str(path), str(depth)], capture_output=True, text=True, cwd=folder
            )
            if child.returncode != 0:
                print(f"{name:42} failed: {child.stderr.strip()[-300:]}")
                continue
            result = json.loads(child.stdout.strip().splitlines()[-1])
            print(f"{name:42} {path.stat().st_size:>12,} {result['seconds']:>8.2f} {result['peak_mb']:>8.0f}  {result['outcome']}")
        if (folder / "pwned.txt").exists():
            print("WARNING: the hostile model's code ran")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
