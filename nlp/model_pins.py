"""sha256 of the models shipped with this version of the package, written by scripts/export_models.py.

Pinned here, in the code, and not only in the cards beside the model files: a folder of models can be
swapped together with its cards; the installed package cannot be changed by a file the user is given.
"""

from __future__ import annotations

SHIPPED_SHA256: dict[str, str] = {
    "boilerplate_corpus.joblib": "502e0f71a39bae7857e0b346ddd1549f2a795cd4302bb5d6dcd676b554205f39",
    "boilerplate_generic.joblib": "483893de857a2a7f122da85598e0acf99ec34711bd22f5743bdb0edd5a7b353c",
    "paragraphs.joblib": "7636733c2045ddfb79a9f7f598c5bd88c385d83d5642b5c8dd6112bd3b32a59a",
}
