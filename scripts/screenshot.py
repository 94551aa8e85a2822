"""Take a screenshot of a review page with headless Chromium (Debian's `chromium` package).

Usage: python scripts/screenshot.py PAGE.html OUT.png [--width 1400 --height 1000]
Used to make the README's picture; the tests use `browser_available()` and `render_dom()` too.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

#: Flags that keep Chromium off the network and quiet on a locked-down machine.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def browser_available() -> bool:
    return chromium() is not None


def _run(args: list[str], timeout: int = 90) -> subprocess.CompletedProcess:
    binary = chromium()
    if binary is None:
        raise RuntimeError("Chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([binary, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, timeout=timeout, check=False)


def screenshot(page: Path, out: Path, width: int = 1400, height: int = 1000) -> Path:
    result = _run([f"--screenshot={out.resolve()}", f"--window-size={width},{height}", page.resolve().as_uri()])
    if not out.exists():
        raise RuntimeError(f"Chromium made no screenshot: {result.stderr.decode(errors='replace')[-500:]}")
    return out


def render_dom(page: Path) -> str:
    """The page's DOM after Chromium has loaded it."""
    result = _run(["--dump-dom", page.resolve().as_uri()])
    return result.stdout.decode("utf-8", errors="replace")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    args = parser.parse_args()
    screenshot(args.page, args.out, args.width, args.height)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
