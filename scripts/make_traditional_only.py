"""Write `nlp/resources/traditional_only.txt`: the characters written only in traditional text, from OpenCC's own
dictionaries.

`nlp.normalize.characters.to_simplified` runs OpenCC's t2s only on lines holding one of them: run over simplified
text, t2s's phrase segmentation changes words it should not (`公示覆盖` → `公示复盖`). A character is listed when
t2s's character dictionaries (`TSCharacters`, `TSCharactersExt`) convert it and never keep it, and s2t's
(`STCharacters`) does not read it as a simplified character. So 覆, 乾, 於 (t2s offers themselves among their
conversions: simplified text writes them too) and 緼, 藴 (simplified forms s2t converts) are left out; 著, which
t2s's dictionaries do not convert at all, is not in them. The dictionaries ship compiled (`.ocd2`); OpenCC's
`opencc_dict` tool, installed with the Python package, writes them out as text. Run it again only when OpenCC is
upgraded: `python scripts/make_traditional_only.py`.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import opencc

PACKAGE = Path(opencc.__file__).parent / "clib"
OUT = Path(__file__).resolve().parents[1] / "nlp" / "resources" / "traditional_only.txt"


def dictionary(name: str) -> dict[str, list[str]]:
    """One of OpenCC's compiled dictionaries: each key with the conversions it offers, in order."""
    with tempfile.TemporaryDirectory() as folder:
        text = Path(folder) / f"{name}.txt"
        subprocess.run(
            [PACKAGE / "bin" / "opencc_dict", "-i", PACKAGE / "share" / "opencc" / f"{name}.ocd2", "-o", text, "-f", "ocd2", "-t", "text"],
            check=True,
        )
        entries = {}
        for line in text.read_text(encoding="utf-8").splitlines():
            key, values = line.split("\t")
            entries[key] = values.split(" ")
        return entries


def traditional_only() -> str:
    """The characters, in code-point order."""
    simplified = set(dictionary("STCharacters"))
    chars = {
        key
        for name in ("TSCharacters", "TSCharactersExt")
        for key, values in dictionary(name).items()
        if len(key) == 1 and key not in values and key not in simplified
    }
    return "".join(sorted(chars))


def main() -> None:
    chars = traditional_only()
    header = "# Characters written only in traditional text, from OpenCC's dictionaries (scripts/make_traditional_only.py)\n"
    OUT.write_text(header + chars + "\n", encoding="utf-8")
    print(f"{len(chars)} characters → {OUT}")


if __name__ == "__main__":
    main()
