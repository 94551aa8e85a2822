"""sha256 of the models shipped with this version of the package, written by scripts/export_models.py.

Pinned here, in the code, and not only in the cards beside the model files: a folder of models can be
swapped together with its cards; the installed package cannot be changed by a file the user is given.
"""

from __future__ import annotations

SHIPPED_SHA256: dict[str, str] = {
    "boilerplate_corpus.joblib": "d495db5c414df89ec52b1146c7ca22e30af14f348dd7f40935fc9f4a9ec2e830",
    "boilerplate_generic.joblib": "26b724195c27a7cb6f8deac1fc117e3be6060a391a0a61044a1c40f9f669c988",
    "paragraph_breaks.joblib": "474eabab389ffb27ae628412e657c462d8da9e7096804044b1cb9ef33fc7d5cb",
    "paragraphs.joblib": "f362ea82a092822974da9a4b9a0d4592c7edb8f45ae22f40cc7c871c1435e7b6",
}
