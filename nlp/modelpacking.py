"""Large vocabularies and name lists of a model, packed into arrays for its skops file (`nlp.modelfiles.store`).

skops describes a dict, a list or an object array item by item, and its loader audits and rebuilds
every item as a node: a vectorizer's 50,000-term vocabulary was 50,000 nodes, and the shipped models'
~270,000 nodes were most of `analyze`'s start (~6 s). `pack_tables` swaps each such container, in
place, for a `PackedTable` (the strings as one fixed-width unicode array, the indices as one int64
array) while the model is written, and `restore` puts the originals back; `unpack_tables` turns
them back into the same containers after loading.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nlp.errors import ModelError

#: A `dict[str, int]` with at least this many entries is saved as a `PackedTable`.
PACK_AT_LEAST = 1000


class PackedTable:
    """A large `dict[str, int]` (a vectorizer's vocabulary), `list[str]` or 1-d object array of str
    (feature names) as numpy arrays of fixed-width text, for the saved file.

    skops describes a dict, list or object array item by item, and auditing plus rebuilding those
    nodes was most of a model's load time (two 50,000-term vocabularies and 50,000 feature names:
    about 270,000 nodes, 6 s). An array of text is one node, read by numpy with pickling off;
    `unpack` rebuilds the same container in its order. Trusted in `TRUSTED_TYPES`: skops rebuilds it
    from its attributes, and `unpack` only zips them.
    """

    def __init__(self, items: Any) -> None:
        import numpy as np

        self.form = "dict" if isinstance(items, dict) else "list" if isinstance(items, list) else "array"
        self.keys = np.array(list(items), dtype=str)
        self.values = np.fromiter(items.values(), dtype=np.int64, count=len(items)) if isinstance(items, dict) else None

    def unpack(self) -> Any:
        import numpy as np

        keys, values, form = self.keys, self.values, self.form
        if not (isinstance(keys, np.ndarray) and keys.dtype.kind == "U" and keys.ndim == 1) or form not in ("dict", "list", "array"):
            raise ModelError("a packed table holds terms of the wrong kind")
        if form == "list":
            return keys.tolist()
        if form == "array":
            return np.array(keys.tolist(), dtype=object)
        if not (isinstance(values, np.ndarray) and values.dtype.kind == "i" and values.shape == keys.shape):
            raise ModelError("a packed table's indices are of the wrong kind or length")
        return dict(zip(keys.tolist(), values.tolist(), strict=True))


def packable(value: Any) -> bool:
    # Exactly str keys and int values (not bool, not numpy integers), so that unpacking gives back
    # objects of the same types and the loaded model is the saved one. A numpy string array drops
    # trailing NUL characters, so a string ending in one keeps the container as it is.
    import numpy as np

    if type(value) is dict:
        if not all(type(item) is int and -(1 << 63) <= item < 1 << 63 for item in value.values()):
            return False
    elif type(value) is np.ndarray:
        if value.dtype != object or value.ndim != 1:
            return False
    elif type(value) is not list:
        return False
    return len(value) >= PACK_AT_LEAST and all(type(text) is str and not text.endswith("\0") for text in value)


#: Values no caller swaps and the walk does not enter: passed over without calling `swap` (a
#: vocabulary's 100k entries are mostly these).
_LEAVES = frozenset({str, int, float, bool, type(None)})


def swap_values(root: Any, swap: Callable[[Any], Any | None]) -> list[tuple[Any, Any, Any]]:
    """Replace, in place, every value for which `swap` returns something, in the attributes of objects,
    dict values and list items reachable from `root`; returns (container, key, old value) to undo it.

    Plain strings, numbers, booleans and None are never offered to `swap`.
    Values inside tuples are left alone (a tuple cannot be changed in place); the objects a tuple
    holds are still walked, which is where an estimator's vocabulary sits (`Pipeline.steps`).
    """
    import numpy as np

    done: list[tuple[Any, Any, Any]] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen or isinstance(node, (str, bytes, int, float, np.ndarray, np.generic, type)) or node is None:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            slots: Any = node
        elif isinstance(node, list):
            slots = dict(enumerate(node))
        elif isinstance(node, (tuple, set, frozenset)):
            stack.extend(node)
            continue
        elif hasattr(node, "__dict__") and not callable(node):
            slots = vars(node)
        else:
            continue
        for key, value in list(slots.items()):
            if type(value) in _LEAVES:
                continue
            replacement = swap(value)
            if replacement is not None:
                target = node if isinstance(node, (dict, list)) else slots
                done.append((target, key, value))
                target[key] = replacement
            else:
                stack.append(value)
    return done


def restore(done: list[tuple[Any, Any, Any]]) -> None:
    for container, key, value in reversed(done):
        container[key] = value


def unpack_tables(model: Any) -> Any:
    """The loaded model with each `PackedTable` in it turned back into its dict, list or array."""
    if isinstance(model, PackedTable):
        return model.unpack()
    swap_values(model, lambda value: value.unpack() if isinstance(value, PackedTable) else None)
    return model


def pack_tables(model: Any) -> list[tuple[Any, Any, Any]]:
    """Swap every packable container reachable from `model` for a `PackedTable`, in place; what
    `restore` needs to undo it."""
    return swap_values(model, lambda value: PackedTable(value) if packable(value) else None)


__all__ = ["PACK_AT_LEAST", "PackedTable", "pack_tables", "packable", "restore", "swap_values", "unpack_tables"]
