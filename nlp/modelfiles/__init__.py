"""Model files: saving and loading a model with its card and checked hash (`store`), rebuilding a
skops file without skops (`reader`), and the hashes pinned for the shipped models (`pins`).

The packing of large vocabularies into arrays stays `nlp.modelpacking`: the shipped model files name
its `PackedTable` by that module path, and moving it would mean re-saving them (new hashes, new cards).
"""
