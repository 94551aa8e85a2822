"""A setting of the boilerplate benchmarks: `"fold_numbers=True, C=30"` and the like, parsed, split between
the model constructors that take each name, and the training-only rows a setting adds (`authored_dev=N`,
`writers_dev=w`, which are no model parameters)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from boiler_data import authored_dev_training, writer_sets, writers_training  # noqa: E402


def generic_settings(spec: str) -> dict:
    """`"fold_numbers=False, C=30"` → {"fold_numbers": False, "C": 30} (literal values only)."""
    call = ast.parse(f"f({spec})", mode="eval").body
    if not isinstance(call, ast.Call) or call.args:
        raise SystemExit(f"--paired: {spec!r} is not a list of name=value settings")
    try:
        return {keyword.arg: ast.literal_eval(keyword.value) for keyword in call.keywords}
    except ValueError as error:
        raise SystemExit(f"--paired: {spec!r}: values must be literals ({error})") from None


#: A setting that is no model parameter: `authored_dev=N` also trains on the authored sets' dev parts
#: (odd reports; the units whose `generic` flag both labellers agree on), each unit given N times.
AUTHORED_DEV = "authored_dev"


def authored_dev_times(spec: str) -> int:
    """How many times a setting trains on each authored dev unit (0: not at all)."""
    return int(generic_settings(spec).get(AUTHORED_DEV, 0))


#: A setting that is no model parameter: `writers_dev=w` also trains on every authored set's dev half
#: (`writer_sets()`), each narrative unit with its writer's `generic` flag at sample weight w.
WRITERS_DEV = "writers_dev"


def writers_dev_weight(spec: str) -> float:
    """The weight a setting gives the writers' dev rows (0: not trained on)."""
    return float(generic_settings(spec).get(WRITERS_DEV, 0))


def setting_extra(spec: str):
    """The training-only rows a setting adds (`authored_dev=N`, `writers_dev=w`), or None."""
    times, weight = authored_dev_times(spec), writers_dev_weight(spec)
    if times and weight:
        raise SystemExit(f"{spec!r}: authored_dev and writers_dev are two ways of adding the same rows; give one")
    if times:
        return authored_dev_training(times)
    return writers_training(weight, writer_sets()) if weight else None


def scorer_parts(spec: str, tokenizer=None):
    """A setting's unfitted generic model and specificity scorer: each name=value goes to the one
    whose constructor takes it (`zeros_concrete=False` to `SpecificityScorer`, `C=30` to `GenericModel`;
    `authored_dev` to neither)."""
    import inspect

    from nlp.boilerplate.generic import GenericModel
    from nlp.boilerplate.specificity import SpecificityScorer

    settings = generic_settings(spec)
    settings.pop(AUTHORED_DEV, None)
    settings.pop(WRITERS_DEV, None)
    specific_names = set(inspect.signature(SpecificityScorer.__init__).parameters) - {"self", "tokenizer"}
    generic = GenericModel(**{k: v for k, v in settings.items() if k not in specific_names})
    specificity = SpecificityScorer(tokenizer=tokenizer, **{k: v for k, v in settings.items() if k in specific_names})
    return generic, specificity
