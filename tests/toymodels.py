"""Small models fitted on sentences written for the tests (not report text), for tests that need a
fitted model quickly and know what it was shown."""

from __future__ import annotations

import random
from collections.abc import Sequence

from nlp.boilerplate.generic import GenericModel


def fit_generic(template: Sequence[str], specific: Sequence[str], rounds: int, seed: int, **params: object) -> GenericModel:
    """A generic-boilerplate model shown `rounds` pairs: two template sentences (generic) and a
    specific sentence followed by a template one (not generic), drawn with `seed`."""
    rng = random.Random(seed)
    texts, y = [], []
    for _ in range(rounds):
        texts.append(rng.choice(template) + rng.choice(template))
        y.append(1)
        texts.append(rng.choice(specific) + rng.choice(template))
        y.append(0)
    return GenericModel(min_df=1, **params).fit(texts, y)
