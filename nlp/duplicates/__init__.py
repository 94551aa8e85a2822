"""Copy-paste across reports: character shingles, MinHash LSH (datasketch) with exact verification,
families of the same text, year-over-year reuse, and a persistent SQLite index.

Modules: `shingles`, `lsh`, `find` (`find_duplicates`, the pairs CSV), `families`, `index`.
Nothing is imported here: use the modules, or the lazy re-exports of `nlp`.
"""
