"""Boilerplate scores: specificity and a supervised generic model, combined (corpus commonness optional).

Modules: `commonness` (Lang & Stice-Lawrence n-gram document frequencies; off in the shipped scorer), `specificity` (Hope, Hu &
Lu concrete content), `generic` (character TF-IDF model of the hand-marked flag), `score` (the stacked
combination, with the spans that drove it), `evaluate` (grouped cross-validation), `train`
(fitting, saving, loading), `documents` (report files and JSON Lines as inputs).
Nothing is imported here: `from nlp.boilerplate.score import BoilerplateScorer`, or the lazy
re-exports of `nlp`.
"""
