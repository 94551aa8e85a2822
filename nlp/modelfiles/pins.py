"""sha256 of the models shipped with this version of the package, written by scripts/export_models.py.

Pinned here, in the code, and not only in the cards beside the model files: a folder of models can be
swapped together with its cards; the installed package cannot be changed by a file the user is given.
"""

from __future__ import annotations

SHIPPED_SHA256: dict[str, str] = {
    "boilerplate_corpus.joblib": "d1166fde5a18fedf8f2b1598e370f29b13ff445bdce7eabf42371c45956faf4d",
    "boilerplate_generic.joblib": "e243825e2cbb4134927d4a6b55eeba852b029fe01c1f5c20a5e8e5c130e895d1",
    "paragraph_breaks.joblib": "474eabab389ffb27ae628412e657c462d8da9e7096804044b1cb9ef33fc7d5cb",
    "paragraphs.joblib": "51640d7bf67b386db4e14a2154ad5158b7ca58f1d5fba0dc2cd897ae566b5200",
}
