"""Saving and loading trained models with a card beside them, loaded only after the hash checks out.

A model `models/NAME.joblib` has its card `models/NAME.json`: what it was trained on, its metrics,
its parameters and the sha256 of the model file. Loading reads the card first and refuses a model
file whose sha256 differs (a joblib file is a pickle: loading an unknown one runs arbitrary code),
unless the caller says it trusts the file.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import joblib

from nlp.errors import ModelError
from nlp.files import atomic_writer

#: The folder of shipped models: `models/` at the repository root.
SHIPPED_MODELS = Path(__file__).resolve().parents[1] / "models"


def sha256_of(path: str | os.PathLike[str]) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def card_path(model_path: str | os.PathLike[str]) -> Path:
    return Path(model_path).with_suffix(".json")


def save_model(model: Any, path: str | os.PathLike[str], card: dict[str, Any]) -> dict[str, Any]:
    """Write `model` with joblib and its card (with the model's sha256) beside it, both atomically."""
    path = Path(path)
    with atomic_writer(path, "wb") as handle:
        joblib.dump(model, handle, compress=3)
    full_card = dict(card)
    full_card["model_file"] = path.name
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


def load_verified(path: str | os.PathLike[str], trust: bool = False) -> tuple[Any, dict[str, Any]]:
    """Load a model after checking its sha256 against its card; returns (model, card)."""
    path = Path(path)
    if not path.exists():
        raise ModelError(f"{path}: model file not found")
    card: dict[str, Any] = {}
    if trust:
        try:
            card = read_card(path)
        except ModelError:
            card = {}
    else:
        card = read_card(path)
        expected = card.get("sha256")
        actual = sha256_of(path)
        if expected != actual:
            raise ModelError(
                f"{path}: sha256 {actual[:16]}… does not match its card ({str(expected)[:16]}…); "
                "the file was changed or replaced. Retrain it, or pass --trust-model if you know where it came from"
            )
    try:
        model = joblib.load(path)
    except Exception as exc:  # joblib raises many types for a damaged file
        raise ModelError(f"{path}: cannot load model ({type(exc).__name__}: {exc})") from exc
    return model, card
