"""Take a screenshot of a review page with headless Chromium (Debian's `chromium` package).

Usage: python scripts/screenshot.py PAGE.html OUT.png [--width 1400 --height 1000] [--colors 256]
Used to make the README's picture; the tests use `browser_available()` and `render_dom()` too.
The page's Chinese renders only where a CJK font is installed (Debian: `fonts-noto-cjk`); without one
Chromium draws boxes. `--colors` stores the picture with a palette (Pillow), a third of the size of a
full-colour PNG and indistinguishable for a page of flat colours and text.

The README's picture: `govreport analyze examples/qinghe_culture_tourism_2023.txt -o OUT` and then
`python scripts/screenshot.py OUT/qinghe_culture_tourism_2023.html docs/review_page.png --colors 256`.
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


def to_palette(png: Path, colors: int = 256) -> Path:
    """Store a screenshot with a palette of `colors` (no dithering: flat fills stay flat), in place."""
    from PIL import Image

    with Image.open(png) as image:
        paletted = image.convert("RGB").quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    paletted.save(png, optimize=True)
    return png


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
    parser.add_argument("--colors", type=int, metavar="N", help="store with a palette of N colours (2-256), a smaller file")
    args = parser.parse_args()
    if args.colors is not None and not 2 <= args.colors <= 256:
        parser.error("--colors must be between 2 and 256")
    screenshot(args.page, args.out, args.width, args.height)
    if args.colors:
        to_palette(args.out, args.colors)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
