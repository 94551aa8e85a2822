"""sha256 of the models shipped with this version of the package, written by scripts/export_models.py.

Pinned here, in the code, and not only in the cards beside the model files: a folder of models can be
swapped together with its cards; the installed package cannot be changed by a file the user is given.
"""

from __future__ import annotations

SHIPPED_SHA256: dict[str, str] = {
    "boilerplate_corpus.joblib": "c822253ee3e281d4574349f7634bd4a92397ae0ca68b2679659be5260e102781",
    "boilerplate_generic.joblib": "4b9cd1621cc6a0805780d497b5d16cf072aa4575e1ceba1bdfe8f2c93fe18f4a",
    "paragraphs.joblib": "59389ae38ed569673578aea6e4af87c2deae4f6c19ce19e838f10babf9d4ac36",
}
