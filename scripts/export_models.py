"""Convert the shipped models to the skops format and pin their sha256 in the package.

Run after retraining any model in models/ (training writes skops already; a model trained by an
older version is a joblib pickle):

    PYTHONPATH=. python scripts/export_models.py            # convert what is pickled or in the old layout, then re-pin all
    PYTHONPATH=. python scripts/export_models.py --check    # exit 1 if anything is pickled, in the old layout or unpinned

Each pickled model (with its card beside it, hash matching) is loaded — this runs its pickle, so only
use this on models made by this project — converted, checked to rebuild into the same object, and
written over the old file with its card updated. A skops model in the older layout (large
vocabularies stored item by item, slow to load: `nlp.modelpacking.PackedTable`) is re-saved the same
way; nothing is retrained and the rebuilt model is compared with the old one before it is written. Then nlp/modelfiles/pins.py is rewritten with the sha256
of every model in models/, which is what `load_model()` and the boilerplate scorer check the shipped
files against.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PINS = REPO / "nlp" / "modelfiles" / "pins.py"
MODELS = REPO / "models"

_HEADER = '''"""sha256 of the models shipped with this version of the package, written by scripts/export_models.py.

Pinned here, in the code, and not only in the cards beside the model files: a folder of models can be
swapped together with its cards; the installed package cannot be changed by a file the user is given.
"""

from __future__ import annotations

'''


def pins_source(hashes: dict[str, str]) -> str:
    lines = [f'    "{name}": "{digest}",' for name, digest in sorted(hashes.items())]
    return _HEADER + "SHIPPED_SHA256: dict[str, str] = {\n" + "\n".join(lines) + "\n}\n"


def main(argv: list[str] | None = None) -> int:
    from nlp.files import atomic_writer
    from nlp.modelfiles.store import export_model, is_pickle_file, read_card, sha256_of, unpacked_tables

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", type=Path, default=MODELS, help="folder of models with their cards (default: models/)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a model is pickled or not pinned")
    args = parser.parse_args(argv)

    models = sorted(path for path in args.models.glob("*.joblib") if path.is_file())
    if not models:
        print(f"no models in {args.models}", file=sys.stderr)
        return 1
    pickled = [path for path in models if is_pickle_file(path)]
    old_layout = [path for path in models if path not in pickled and unpacked_tables(path)]
    hashes = {path.name: sha256_of(path) for path in models}
    if args.check:
        from nlp.modelfiles.pins import SHIPPED_SHA256

        problems = [f"{path.name}: pickled" for path in pickled]
        problems += [f"{path.name}: older skops layout (slow to load)" for path in old_layout]
        problems += [f"{name}: not pinned" for name, digest in hashes.items() if SHIPPED_SHA256.get(name) != digest]
        print("\n".join(problems) or "all models are skops files with pinned hashes")
        return 1 if problems else 0
    for path in pickled + old_layout:
        before = path.stat().st_size
        card = export_model(path)
        print(f"{path.name}: {'converted' if path in pickled else 're-saved'} ({before:,} → {card['size_bytes']:,} bytes)")
        # The card's own hash was updated by export_model; check it is readable and consistent.
        assert read_card(path)["sha256"] == sha256_of(path)
    hashes = {path.name: sha256_of(path) for path in models}
    with atomic_writer(PINS) as handle:
        handle.write(pins_source(hashes))
    print(f"pinned {len(hashes)} model(s) in {PINS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
