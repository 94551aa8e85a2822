"""Saving and loading trained models in a format whose loading cannot run code, with a card beside each.

A model file is written with `skops.io`: a zip of JSON describing the object tree plus numpy arrays,
rebuilt on load only from types on an explicit list (`TRUSTED_TYPES`, plus the scikit-learn, numpy
and scipy types skops itself trusts). Unlike a pickle or a joblib file, loading one never calls code
the file names: a file holding any other type is refused before anything is built.

Each model `NAME.joblib` (the suffix is historical; the content is skops) has its card `NAME.json`:
what it was trained on, its metrics, its parameters and the file's sha256. Loading checks the hash
first: a shipped model against the sha256 pinned in the package (`nlp.modelfiles.pins`), any other model
against its card. The card only catches accidents (a file replaced or half-copied); the format is
what keeps a hostile file from running code.

Large vocabularies and feature-name lists are stored as `PackedTable`s (two arrays rather than a node
per term), which makes loading a model ~50 times faster; files in the older layout still load, and
`export_model` (scripts/export_models.py) re-saves them.

Old pickled models (joblib) are refused unless the caller passes `allow_pickle=True`, because
unpickling runs whatever the file says; `export_model` converts one the user made into this format.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from importlib import resources
from pathlib import Path
from typing import Any

from nlp.errors import ModelError
from nlp.files import atomic_writer
from nlp.modelpacking import (
    pack_tables,
    packable,
    restore,
    swap_values,
    unpack_tables,
)

#: The project's own classes and functions a model may hold, by import path. Each is rebuilt from its
#: attribute values (no code of the file's choosing runs); review a class before adding it here.
TRUSTED_TYPES: tuple[str, ...] = (
    "nlp.boilerplate.commonness.CommonnessModel",
    "nlp.boilerplate.generic.GenericModel",
    "nlp.boilerplate.spans.DocumentFrequency",
    "nlp.boilerplate.specificity.SpecificityScorer",
    "nlp.classify.features.figures_folded",
    "nlp.classify.features.figures_places",
    "nlp.classify.features.places_masked",
    "nlp.classify.model.ParagraphClassifier",
    "nlp.modelpacking.PackedTable",
    "nlp.normalize.comparable",
    "nlp.tokenize.Tokenizer",
)

#: What `save_model` writes, recorded in the card.
MODEL_FORMAT = "skops"

_ZIP_MAGIC = b"PK\x03\x04"


def _shipped_models_folder() -> Path:
    # In a wheel the models are package data (nlp/models); in the repository nlp/models is a link to
    # the top-level models/, which stays the source of truth.
    packaged = Path(str(resources.files("nlp") / "models"))
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "models"


#: The folder of shipped models.
SHIPPED_MODELS = _shipped_models_folder()


def sha256_of(path: str | os.PathLike[str]) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def card_path(model_path: str | os.PathLike[str]) -> Path:
    return Path(model_path).with_suffix(".json")


def pinned_sha256(path: str | os.PathLike[str]) -> str | None:
    """The sha256 this version of the package was released with, for a shipped model; else None."""
    from nlp.modelfiles.pins import SHIPPED_SHA256

    path = Path(path)
    try:
        shipped = path.resolve().parent == SHIPPED_MODELS.resolve()
    except OSError:
        return None
    return SHIPPED_SHA256.get(path.name) if shipped else None


def is_pickle_file(path: str | os.PathLike[str]) -> bool:
    """True for a file in a format whose loading runs code (pickle, joblib): anything not a skops zip."""
    with open(path, "rb") as handle:
        return not handle.read(4).startswith(_ZIP_MAGIC)


def untrusted_types(data: bytes) -> list[str]:
    """Types in a skops file that neither skops nor `TRUSTED_TYPES` trusts (empty: safe to load)."""
    import skops.io as sio

    return sorted(set(sio.get_untrusted_types(data=data)) - set(TRUSTED_TYPES))


def model_bytes(model: Any) -> bytes:
    """`model` in the saved format, refused if loading it back would need a type not on the list.

    Large vocabularies and name lists are written as `PackedTable`s (the model is changed only
    while it is written, and restored after).
    """
    import skops.io as sio

    # A model loaded for prediction holds inference twins: it is saved as the scikit-learn objects
    # they stand for, as it was loaded from.
    model, done = scikit_learn_objects(model)
    done += pack_tables(model)
    try:
        data = sio.dumps(model, compression=zipfile.ZIP_DEFLATED, compresslevel=6)
    except Exception as exc:  # skops raises TypeError and others for objects it cannot describe
        raise ModelError(f"cannot save a {type(model).__name__} without pickle ({type(exc).__name__}: {exc})") from exc
    finally:
        restore(done)
    unknown = untrusted_types(data)
    if unknown:
        raise ModelError(
            f"a {type(model).__name__} holds types that loading would refuse: {', '.join(unknown)}; "
            "add them to nlp.modelfiles.store.TRUSTED_TYPES after checking that rebuilding them from their attributes runs no code"
        )
    return data


def scikit_learn_objects(model: Any) -> tuple[Any, list[tuple[Any, Any, Any]]]:
    """`model` with the inference twins in it (`nlp.inference`) swapped for the scikit-learn objects
    they stand for, in place; and what `nlp.modelpacking.restore` needs to undo it."""
    from nlp.inference import Twin

    if isinstance(model, Twin):
        return model.to_sklearn(), []
    return model, swap_values(model, lambda value: value.to_sklearn() if isinstance(value, Twin) else None)


def save_model(model: Any, path: str | os.PathLike[str], card: dict[str, Any]) -> dict[str, Any]:
    """Write `model` (skops format) and its card (with the model's sha256) beside it, both atomically."""
    path = Path(path)
    data = model_bytes(model)
    with atomic_writer(path, "wb") as handle:
        handle.write(data)
    return _write_card(path, card)


def _write_card(path: Path, card: dict[str, Any]) -> dict[str, Any]:
    full_card = dict(card)
    full_card["model_file"] = path.name
    full_card["format"] = MODEL_FORMAT
    full_card["sha256"] = sha256_of(path)
    full_card["size_bytes"] = path.stat().st_size
    with atomic_writer(card_path(path)) as handle:
        json.dump(full_card, handle, ensure_ascii=False, indent=2, default=str)
        handle.write("\n")
    return full_card


def read_card(path: str | os.PathLike[str]) -> dict[str, Any]:
    card_file = card_path(path)
    if not card_file.exists():
        raise ModelError(f"{path}: no model card {card_file.name} beside it; pass trust=True (--trust-model) to load it anyway")
    try:
        return json.loads(card_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{card_file}: unreadable model card ({exc})") from exc


def _check_hash(path: Path, trust: bool) -> dict[str, Any]:
    """The card, after the file's sha256 matched the pinned one (shipped models) or the card's."""
    if trust:
        try:
            return read_card(path)
        except ModelError:
            return {}
    pinned = pinned_sha256(path)
    if pinned is not None:
        actual = sha256_of(path)
        if actual != pinned:
            raise ModelError(
                f"{path}: sha256 {actual[:16]}… is not that of the model shipped with this version ({pinned[:16]}…); "
                "reinstall govreport, or after retraining re-pin with scripts/export_models.py"
            )
        try:
            return read_card(path)
        except ModelError:
            return {}
    card = read_card(path)
    expected = card.get("sha256")
    actual = sha256_of(path)
    if expected != actual:
        raise ModelError(
            f"{path}: sha256 {actual[:16]}… does not match its card ({str(expected)[:16]}…); "
            "the file was changed or replaced. Retrain it, or pass --trust-model if you know where it came from"
        )
    return card


def load_verified(
    path: str | os.PathLike[str], trust: bool = False, allow_pickle: bool = False, twins: bool = True
) -> tuple[Any, dict[str, Any]]:
    """Load a model after checking its sha256; returns (model, card).

    trust: load even if the hash does not match its card or the pinned one (a skops file still
        cannot run code, and still may hold only trusted types).
    allow_pickle: also load a pickle/joblib file. Unpickling runs any code the file carries: pass it
        only for a file you made yourself, and convert that file with `export_model`.
    twins: rebuild the scikit-learn parts of a skops file as inference twins (`nlp.inference`), which
        predict without importing scikit-learn; False: as the real scikit-learn classes (to refit,
        inspect or save the model again).
    """
    path = Path(path)
    if not path.exists():
        raise ModelError(f"{path}: model file not found")
    if path.is_dir():
        raise ModelError(f"{path}: is a folder, not a model file")
    card = _check_hash(path, trust)
    if is_pickle_file(path):
        if not allow_pickle:
            raise ModelError(
                f"{path}: a pickle/joblib model; loading one runs any code it carries, so it is refused. "
                "If you made it yourself, convert it once with nlp.modelfiles.store.export_model(path) (or load it with allow_pickle=True)"
            )
        import joblib

        try:
            return joblib.load(path), card
        except Exception as exc:  # unpickling raises any type
            raise ModelError(f"{path}: cannot load model ({type(exc).__name__}: {exc})") from exc
    return _load_skops(path, twins=twins), card


def _load_skops(path: Path, unpack: bool = True, twins: bool = True) -> Any:
    from nlp.modelfiles.reader import NotReadable, read_model

    data = path.read_bytes()
    try:
        # The project's own reader first: it rebuilds govreport's models without importing skops
        # (0.7 s of CPU per process), checking the whole tree against a shorter list than skops'.
        model = read_model(data, TRUSTED_TYPES, twins=twins)
    except NotReadable:
        model = _load_with_skops(path, data)
    except Exception as exc:  # a damaged zip, schema or array: zipfile, json and numpy raise many types
        raise ModelError(f"{path}: damaged model file or not a govreport model ({type(exc).__name__}: {exc})") from exc
    if not unpack:
        return model
    try:
        return unpack_tables(model)
    except ModelError as exc:
        raise ModelError(f"{path}: damaged model file ({exc})") from exc


def _load_with_skops(path: Path, data: bytes) -> Any:
    """A file outside what `nlp.modelfiles.reader` rebuilds (another protocol, other estimators), by skops."""
    import skops.io as sio
    from skops.io.exceptions import UntrustedTypesFoundException

    # skops audits the whole tree against the trusted list before it builds anything: one pass, as
    # auditing separately first would double the load time (a 30,000-word vocabulary is 30,000 nodes).
    try:
        return sio.loads(data, trusted=list(TRUSTED_TYPES))
    except UntrustedTypesFoundException as exc:
        raise ModelError(f"{path}: holds types govreport does not load ({str(exc).split(': ', 1)[-1].strip('.')}); nothing was loaded") from exc
    except Exception as exc:  # a damaged zip or schema: skops and zipfile raise many types
        raise ModelError(f"{path}: damaged model file or not a govreport model ({type(exc).__name__}: {exc})") from exc


def export_model(path: str | os.PathLike[str], output: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Convert a pickled (joblib) model you made, or a skops model in the older layout (large
    vocabularies item by item, see `PackedTable`), with its card, to the current format; returns the
    new card.

    A pickle is loaded — that runs its code, so convert only your own files. The converted model is
    loaded back and compared with the original, attribute by attribute and array by array, before it
    replaces anything.
    output: where to write (default: over `path`, card beside it updated).
    """
    path = Path(path)
    output = Path(output) if output is not None else path
    # Checked against its own card, not against the pinned hashes: converting is what a freshly
    # retrained model (whose hash no release has pinned yet) goes through before it is pinned.
    card = read_card(path)
    if card.get("sha256") != sha256_of(path):
        raise ModelError(f"{path}: sha256 does not match its card; not converted (retrain it, or convert only files you made)")
    model, _ = load_verified(path, trust=True, allow_pickle=True, twins=False)
    # A pickle of a model that was loaded for prediction holds twins: compared as what is written.
    model, _ = scikit_learn_objects(model)
    data = model_bytes(model)
    import skops.io as sio

    rebuilt = unpack_tables(sio.loads(data, trusted=list(TRUSTED_TYPES)))
    difference = first_difference(model, rebuilt)
    if difference is not None:
        raise ModelError(f"{path}: the converted model differs from the original at {difference}; not written")
    with atomic_writer(output, "wb") as handle:
        handle.write(data)
    return _write_card(output, card)


def unpacked_tables(path: str | os.PathLike[str]) -> int:
    """How many large vocabularies or name lists a skops model stores item by item (the older,
    slow-to-load layout that `export_model` converts); 0 for a model in the current layout."""
    model = _load_skops(Path(path), unpack=False, twins=False) if not is_pickle_file(path) else None
    found: list[Any] = []
    swap_values(model, lambda value: found.append(value) if packable(value) else None)
    return len(found)


def first_difference(a: Any, b: Any, where: str = "model", _seen: set[int] | None = None) -> str | None:
    """Where two object trees first differ (None: equal), comparing values, not object identity.

    Pickled bytes are no test: a rebuilt model holds equal values in other objects (two equal
    strings where the original shared one), which changes a pickle's memo but nothing else.
    """
    import types

    import numpy as np

    seen = _seen if _seen is not None else set()
    if type(a) is not type(b):
        return f"{where} ({type(a).__name__} vs {type(b).__name__})"
    if id(a) in seen:
        return None
    if isinstance(a, np.ndarray):
        same = a.dtype == b.dtype and a.shape == b.shape and (
            np.array_equal(a, b, equal_nan=a.dtype.kind in "fc") if a.dtype.kind != "O" else a.tolist() == b.tolist()
        )
        return None if same else where
    if hasattr(a, "tocsr") and hasattr(a, "nnz"):  # a scipy sparse matrix
        return None if a.shape == b.shape and a.dtype == b.dtype and (a != b).nnz == 0 else where
    if isinstance(a, (type, types.FunctionType, types.BuiltinFunctionType)):
        return None if a is b else where
    seen.add(id(a))
    if isinstance(a, dict):
        if list(a) != list(b):
            return f"{where} (keys)"
        return next((d for k in a if (d := first_difference(a[k], b[k], f"{where}[{k!r}]", seen))), None)
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return f"{where} (length)"
        return next((d for i, (x, y) in enumerate(zip(a, b, strict=True)) if (d := first_difference(x, y, f"{where}[{i}]", seen))), None)
    if hasattr(a, "__dict__") and not isinstance(a, type):
        return first_difference(vars(a), vars(b), f"{where}.{type(a).__name__}", seen)
    try:
        return None if a == b else where
    except Exception:  # a value without a plain equality: its repr stands in
        return None if repr(a) == repr(b) else where
