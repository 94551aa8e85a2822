"""sha256 of the models shipped with this version of the package, written by scripts/export_models.py.

Pinned here, in the code, and not only in the cards beside the model files: a folder of models can be
swapped together with its cards; the installed package cannot be changed by a file the user is given.
"""

from __future__ import annotations

SHIPPED_SHA256: dict[str, str] = {
    "boilerplate_corpus.joblib": "502e0f71a39bae7857e0b346ddd1549f2a795cd4302bb5d6dcd676b554205f39",
    "boilerplate_generic.joblib": "acfb72bcc36339bf1e1ea8de3fb79b8b29784ceddf41f0113a9863b34f3e4844",
    "paragraphs.joblib": "fbeac1e9df23364da598f90522e59e8f93d68757d02e8ec51e12c7ecd0a0ab26",
}
