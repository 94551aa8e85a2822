"""sha256 of the models shipped with this version of the package, written by scripts/export_models.py.

Pinned here, in the code, and not only in the cards beside the model files: a folder of models can be
swapped together with its cards; the installed package cannot be changed by a file the user is given.
"""

from __future__ import annotations

SHIPPED_SHA256: dict[str, str] = {
    "boilerplate_corpus.joblib": "a9b3c0956c7d99b9dcf54163e1a55448bfc16e0c754c55bc353434211c16df8d",
    "boilerplate_generic.joblib": "5c4eb699776e234b597285da792d26f82cfe2ba5303ee0f6f98a39516728a7b6",
    "paragraph_breaks.joblib": "474eabab389ffb27ae628412e657c462d8da9e7096804044b1cb9ef33fc7d5cb",
    "paragraphs.joblib": "636c3b03a353cda79fb7e31217ef7b2d35485e92166606351eb94124cc1420fc",
}
