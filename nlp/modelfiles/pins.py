"""sha256 of the models shipped with this version of the package, written by scripts/export_models.py.

Pinned here, in the code, and not only in the cards beside the model files: a folder of models can be
swapped together with its cards; the installed package cannot be changed by a file the user is given.
"""

from __future__ import annotations

SHIPPED_SHA256: dict[str, str] = {
    "boilerplate_corpus.joblib": "0f03ea6efba9f14761a0efaca429364bce7f143ad2939a075f9779ea98a915ee",
    "boilerplate_generic.joblib": "b75ffb600ef69e77d6eda129a360df9c18e79234a8b9619d0663610a81b66623",
    "paragraph_breaks.joblib": "474eabab389ffb27ae628412e657c462d8da9e7096804044b1cb9ef33fc7d5cb",
    "paragraphs.joblib": "36f5f3c7679dc8d8dae131d7cdf5fdceaadb230f36dc5be447b8a57bc7c21b77",
}
