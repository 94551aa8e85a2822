"""Copy-paste detection: shingles, MinHash LSH with exact verification, families, year over year, the index."""

from __future__ import annotations

import csv
import json
import random
import sqlite3
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import nlp
from nlp.boilerplate.documents import Document, Unit
from nlp.cli import main
from nlp.duplicates.families import duplicate_families, year_over_year
from nlp.duplicates.find import PAIR_COLUMNS, find_duplicates, passages
from nlp.duplicates.index import DuplicateIndex
from nlp.duplicates.lsh import DuplicatePair, MinHasher, choose_bands, detection_probability
from nlp.duplicates.shingles import containment, jaccard, shingle_batch, shingles
from nlp.errors import IndexError_

# Paragraphs written for these tests (long enough to be compared: 20+ characters).
OPENING = (
    "本年度我委坚持以公开为常态、不公开为例外，围绕重点领域信息公开持续发力，全年主动公开各类信息一千余条。"
)
TRAINING = "组织全体工作人员参加政务公开业务培训三次，邀请专家讲解条例修订要点，提升依法公开能力。"
PLATFORM = "门户网站新增政策问答专栏，整合办事指南四十余项，实现网上查询与线下查阅同步更新。"
PROBLEMS = "政策解读形式较为单一，图解和视频解读数量偏少，对群众关切的回应还不够及时。"


def doc(doc_id: str, *texts: str, agency: str | None = None, year: int | None = None) -> Document:
    return Document(
        doc_id, f"{doc_id}.txt", [Unit(i, t) for i, t in enumerate(texts)], agency=agency, year=year
    )


# -- shingles and exact similarity -----------------------------------------------------------


def test_shingles_are_stable_and_ignore_punctuation_width_and_spaces():
    a = shingles("全年主动公开政府信息312条，其中政策解读21篇。")
    b = shingles("全年主动公开政府信息 312 条,其中政策解读21篇。")
    assert a.dtype == np.uint64 and np.array_equal(a, np.unique(a))
    assert jaccard(a, b) == 1.0
    # fixed values: an index stores signatures, so the hash must not change between runs or versions
    assert shingles("政务公开工作").tolist() == [2165840977976573700, 9986633452894365365]
    first = subprocess.run(
        [
            sys.executable,
            "-c",
            "from nlp.duplicates.shingles import shingles; print(shingles('政务公开工作年度报告').tolist())",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(first.stdout) == shingles("政务公开工作年度报告").tolist()


def test_figures_are_compared_as_zero_so_a_paragraph_reused_with_new_counts_is_a_copy():
    """Last year's paragraph with the year and its counts changed is still the same text."""
    last_year = "2022年，我局共受理政府信息公开申请12件，全部按期答复，其中予以公开7件，部分公开3件，无法提供2件。"
    this_year = "2023年，我局共受理政府信息公开申请15件，全部按期答复，其中予以公开9件，部分公开4件，无法提供2件。"
    assert jaccard(shingles(last_year), shingles(this_year)) == 1.0
    assert shingle_batch([last_year, this_year])[0].tolist() == shingles(this_year).tolist()
    [pair] = find_duplicates([doc("a", last_year), doc("b", this_year)], threshold=0.8)
    assert (pair.text_a, pair.text_b) == (last_year, this_year)
    # words changed are still a difference
    assert jaccard(shingles(this_year), shingles(this_year.replace("部分公开", "不予公开"))) < 1.0


def test_batch_shingles_equal_one_by_one():
    texts = [
        OPENING,
        " 政 务 公 开 ",
        "",
        "短",
        "（一）主动公开，",
        "表情\U0001f600符号不影响其余部分",
        TRAINING * 3,
    ]
    for text, batch in zip(texts, shingle_batch(texts), strict=True):
        assert np.array_equal(batch, shingles(text))


def test_jaccard_and_containment():
    long, short = shingles(OPENING + TRAINING), shingles(TRAINING)
    assert containment(short, long) == 1.0
    assert 0.3 < jaccard(short, long) < 0.7
    assert jaccard(shingles(OPENING), shingles(PLATFORM)) < 0.1
    assert jaccard(shingles(""), shingles("")) == 0.0


def test_signatures_are_datasketch_minhashes():
    from datasketch import MinHash

    sets = [shingles(OPENING), shingles(TRAINING)]
    signatures = MinHasher(num_perm=64, seed=3).signatures(sets)
    for shingle_set, signature in zip(sets, signatures, strict=True):
        reference = MinHash(num_perm=64, seed=3, hashfunc=int, scheme="affine32")
        reference.update_batch((shingle_set >> np.uint64(32)).tolist())
        assert np.array_equal(reference.hashvalues, signature)
        estimate = MinHasher(64, 3).lean(signature).jaccard(MinHasher(64, 3).lean(signatures[0]))
        assert 0.0 <= estimate <= 1.0


@pytest.mark.parametrize(("num_perm", "seed"), [(128, 1), (64, 3), (5, 12345)])
def test_permutations_are_those_datasketch_draws(num_perm, seed):
    """MinHasher draws datasketch's permutations itself (not importing datasketch at start)."""
    from datasketch import MinHash

    from nlp.duplicates.lsh import affine32_permutations

    a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    mine_a, mine_b = affine32_permutations(num_perm, seed)
    assert mine_a.dtype == mine_b.dtype == np.uint32
    assert np.array_equal(np.asarray(a, dtype=np.uint32), mine_a)
    assert np.array_equal(np.asarray(b, dtype=np.uint32), mine_b)


def test_bands_are_chosen_for_recall_at_the_threshold():
    for threshold in (0.5, 0.7, 0.8, 0.9):
        bands, rows = choose_bands(threshold, 128)
        assert bands * rows <= 128
        assert detection_probability(threshold, bands, rows) >= 0.995
        # one more row per band would lose recall: the choice is the strictest that keeps it
        assert detection_probability(threshold, 128 // (rows + 1), rows + 1) < 0.995


# -- LSH on real paragraphs with planted near-copies ---------------------------------------------


def edit(text: str, rng: random.Random, n: int) -> str:
    chars = list(text)
    for _ in range(n):
        position = rng.randrange(len(chars))
        chars[position] = rng.choice("的和在对为及与将把")
    return "".join(chars)


def test_lsh_finds_planted_near_copies_and_every_pair_is_verified(labelled_records):
    rng = random.Random(7)
    seen, originals = set(), []
    for record in labelled_records:
        if record["kind"] == "narrative" and len(record["text"]) >= 80 and record["text"] not in seen:
            seen.add(record["text"])
            originals.append(record)
    originals = originals[:400]
    items = [(r["doc_id"], r["para_index"], r["text"]) for r in originals]
    planted = []
    for number, record in enumerate(rng.sample(originals, 60)):
        copy = edit(record["text"], rng, rng.randint(1, 3))
        items.append((f"planted-{number}", 0, copy))
        planted.append((record["doc_id"], record["para_index"], f"planted-{number}"))
    pairs = find_duplicates(items, threshold=0.7)
    found = {(p.doc_a, p.para_a, p.doc_b) for p in pairs} | {(p.doc_b, p.para_b, p.doc_a) for p in pairs}
    by_key = {(d, i): t for d, i, t in items}

    # every planted copy that is still ≥ 0.7 similar is found
    expected = [p for p in planted if jaccard(shingles(by_key[p[:2]]), shingles(by_key[(p[2], 0)])) >= 0.7]
    assert len(expected) >= 50
    assert sum(p in found for p in expected) / len(expected) >= 0.95

    # recall against brute force over all pairs, and no pair below the threshold or within one report
    sets = {key: shingles(text) for key, text in by_key.items()}
    keys = list(sets)
    truth = {
        frozenset((a, b))
        for i, a in enumerate(keys)
        for b in keys[i + 1 :]
        if a[0] != b[0] and jaccard(sets[a], sets[b]) >= 0.7
    }
    reported = {frozenset(((p.doc_a, p.para_a), (p.doc_b, p.para_b))) for p in pairs}
    assert reported <= truth
    assert len(reported & truth) / len(truth) >= 0.95
    for pair in pairs:
        assert pair.doc_a != pair.doc_b
        assert pair.similarity == pytest.approx(
            jaccard(sets[(pair.doc_a, pair.para_a)], sets[(pair.doc_b, pair.para_b)])
        )


def _datasketch_candidates(signatures, bands, rows):
    from datasketch import LeanMinHash, MinHashLSH

    lsh = MinHashLSH(num_perm=signatures.shape[1], params=(bands, rows))
    lean = [LeanMinHash(seed=1, hashvalues=s, scheme=MinHasher.scheme) for s in signatures]
    for i, minhash in enumerate(lean):
        lsh.insert(i, minhash, check_duplication=False)
    return {(i, j) for i, minhash in enumerate(lean) for j in lsh.query(minhash) if i < j}


def test_batch_banding_gives_the_candidates_of_datasketch_minhashlsh(labelled_records):
    from nlp.duplicates.banding import band_keys, candidate_pairs

    texts = sorted(
        {r["text"] for r in labelled_records if r["kind"] == "narrative" and len(r["text"]) >= 20}
    )[:300]
    signatures = MinHasher().signatures([shingles(t) for t in texts])
    bands, rows = choose_bands(0.5)
    expected = _datasketch_candidates(signatures, bands, rows)
    first, second = candidate_pairs(band_keys(signatures, bands, rows))
    assert expected and set(zip(first.tolist(), second.tolist(), strict=True)) == expected


def test_index_lookups_find_the_candidates_of_datasketch_and_verify_them(tmp_path, labelled_records):
    """The band table in the index file gives the same candidates as datasketch's in-memory LSH."""
    texts = sorted(
        {r["text"] for r in labelled_records if r["kind"] == "narrative" and len(r["text"]) >= 20}
    )[:300]
    rng = random.Random(3)
    texts += [edit(text, rng, 2) for text in texts[:40]]  # planted near-copies
    with DuplicateIndex(tmp_path / "index.sqlite") as index:
        for i, text in enumerate(texts):
            index.add(doc(f"d{i:03d}", text))
        search = index.search(0.5)
        keys, stored_texts, signatures = index.entries()
        sets = shingle_batch(stored_texts, index.shingle_size)
        expected = _datasketch_candidates(signatures, search.bands, search.rows)
        found = search.lookup([(f"q{k}", 0) for k in range(len(keys))], stored_texts, signatures, sets)
    pairs = {(i, int(p.doc_b[1:])) for i, result in enumerate(found) for p in result.pairs}
    truth = {(i, j) for i, j in expected if jaccard(sets[i], sets[j]) >= 0.5}
    # Each text is looked up as an outsider, so it meets its own indexed copy too.
    assert {(i, j) for i, j in pairs if i < j} == truth and len(truth) >= 30
    for i, result in enumerate(found):
        for pair in result.pairs:
            assert pair.similarity >= 0.5
            assert pair.similarity == pytest.approx(jaccard(sets[i], sets[int(pair.doc_b[1:])]))
        assert [p.similarity for p in result.pairs] == sorted((p.similarity for p in result.pairs), reverse=True)


def test_index_lookups_of_a_paragraph_copied_everywhere_stay_bounded(tmp_path):
    with DuplicateIndex(tmp_path / "index.sqlite") as index:
        for i in range(30):
            index.add(doc(f"r{i:02d}", OPENING + f"（第{i}份）", PROBLEMS))
        search = index.search(0.8)
        search.per_band, search.max_verified = 10, 4
        sets = shingle_batch([OPENING], index.shingle_size)
        [result] = search.lookup([("new", 0)], [OPENING], index.hasher.signatures(sets), sets)
    assert result.capped and len(result.pairs) == 4 and result.unverified >= 1
    assert result.copies <= 10 * search.bands


def test_index_lookups_probe_band_keys_in_groups_with_the_same_result(tmp_path, monkeypatch):
    """A lookup's distinct band keys go to SQLite in statements of at most `_PROBE_GROUP` keys: however
    they are grouped, a lookup finds the same pairs (with the shingles given, or made by the lookup), and it is capped exactly where some key of the
    paragraph has more than `per_band` entries (counted here key by key)."""
    from nlp.duplicates import stored

    texts = [OPENING + f"（第{i}份）" for i in range(12)] + [TRAINING + f"（{i}）" for i in range(3)] + [PROBLEMS]
    with DuplicateIndex(tmp_path / "index.sqlite") as index:
        for i, text in enumerate(texts):
            index.add(doc(f"r{i:02d}", text, PLATFORM))
        search = index.search(0.8)
        search.per_band = 5
        queries = [OPENING, TRAINING, PROBLEMS, PLATFORM]
        sets = shingle_batch(queries, index.shingle_size)
        signatures = index.hasher.signatures(sets)
        keys = [(f"q{i}", 0) for i in range(len(queries))]
        whole = search.lookup(keys, queries, signatures, sets)
        monkeypatch.setattr(stored, "_PROBE_GROUP", 4)
        grouped = search.lookup(keys, queries, signatures, sets)
        unshingled = search.lookup(keys, queries, signatures)
        entries_per_key = [
            [index._db.execute(f"SELECT COUNT(*) FROM {search.table} WHERE key = ?", (key,)).fetchone()[0] for key in row.tolist()]
            for row in stored.stored_keys(signatures, search.bands, search.rows)
        ]
    assert search.bands % 4 != 0  # the last group is a short one
    assert [(r.pairs, r.unverified, r.capped) for r in grouped] == [(r.pairs, r.unverified, r.capped) for r in whole]
    assert [(r.pairs, r.unverified, r.capped) for r in unshingled] == [(r.pairs, r.unverified, r.capped) for r in whole]
    assert [r.capped for r in whole] == [max(counts) > 5 for counts in entries_per_key]
    assert whole[0].capped and not whole[2].capped and whole[3].capped  # OPENING x12, PROBLEMS once, PLATFORM in all 16
    assert all(len(r.pairs) + r.unverified >= 1 for r in whole[:3])


def test_a_lookup_is_capped_when_any_band_key_is_not_only_the_last(tmp_path, monkeypatch):
    """One key per statement: an edited copy of a paragraph indexed 12 times shares some band keys
    with it (12 entries each, above `per_band`) but not its last one; the lookup is still capped,
    and what it read of each key are the earliest entries (the copies in r00..r04)."""
    from nlp.duplicates import stored

    monkeypatch.setattr(stored, "_PROBE_GROUP", 1)
    with DuplicateIndex(tmp_path / "index.sqlite") as index:
        for i in range(12):
            index.add(doc(f"r{i:02d}", OPENING, TRAINING + f"（{i}）"))
        search = index.search(0.8)
        search.per_band = 5
        indexed = set(index._db.execute(f"SELECT key FROM {search.table}").fetchall())
        for position in range(len(OPENING)):
            edited = OPENING[:position] + "某" + OPENING[position + 1 :]
            sets = shingle_batch([edited], index.shingle_size)
            signature = index.hasher.signatures(sets)
            row = stored.stored_keys(signature, search.bands, search.rows)[0].tolist()
            if (row[-1],) not in indexed and any((key,) in indexed for key in row):
                break
        else:
            pytest.fail("no one-character edit keeps some band keys but not the last")
        [result] = search.lookup([("q", 0)], [edited], signature, sets)
    assert result.capped
    assert {pair.doc_b for pair in result.pairs} == {f"r{i:02d}" for i in range(5)}


def test_the_band_table_is_moved_out_of_the_write_ahead_log_once_built(tmp_path):
    path = tmp_path / "index.sqlite"
    with DuplicateIndex(path) as index:
        for i in range(30):
            index.add(doc(f"r{i:02d}", OPENING + f"（第{i}份）", PROBLEMS, TRAINING + f"（{i}）"))
        index.search(0.8)
        wal = path.with_name(path.name + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0
        assert index._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_replaced_report_leaves_no_stale_band_rows(tmp_path):
    with DuplicateIndex(tmp_path / "index.sqlite") as index:
        index.add(doc("a", OPENING, TRAINING))
        search = index.search(0.8)
        rows_before = index._db.execute(f"SELECT COUNT(*) FROM {search.table}").fetchone()[0]
        assert rows_before == 2 * search.bands
        index.add(doc("a", PLATFORM, PROBLEMS, OPENING))
        assert index._db.execute(f"SELECT COUNT(*) FROM {search.table}").fetchone()[0] == 3 * search.bands
        sets = shingle_batch([TRAINING], index.shingle_size)
        assert search.matches([("b", 0)], [TRAINING], index.hasher.signatures(sets), sets) == []


def test_no_pairs_within_one_report_and_short_paragraphs_are_skipped():
    pairs = find_duplicates([doc("a", OPENING, OPENING, "无。"), doc("b", "无。")], threshold=0.8)
    assert pairs == []
    assert find_duplicates([], threshold=0.8) == []
    assert [p.text for p in passages([doc("a", "无。", TRAINING)])] == [TRAINING]


def test_containment_finds_a_paragraph_inside_a_longer_one():
    items = [doc("a", TRAINING), doc("b", TRAINING + "培训结束后组织了闭卷测试。")]
    assert find_duplicates(items, threshold=0.9) == []
    [pair] = find_duplicates(items, threshold=0.9, measure="containment")
    assert pair.similarity == 1.0 and {pair.doc_a, pair.doc_b} == {"a", "b"}


# -- families and year over year -----------------------------------------------------------------


def test_families_join_chains_of_pairs_across_reports():
    pair = lambda a, b: DuplicatePair(a, 0, b, 0, 0.9, f"{a} text", f"{b} text")  # noqa: E731
    families = duplicate_families([pair("x", "y"), pair("y", "z"), pair("u", "v")])
    assert [f.documents for f in families] == [["x", "y", "z"], ["u", "v"]]
    assert families[0].text == "y text"  # linked to the most others
    assert families[0].to_dict()["n_documents"] == 3


def test_year_over_year_measures_reuse_of_the_same_agency_previous_report():
    earlier = doc("e2021", OPENING, TRAINING, PLATFORM, agency="青石区科技局", year=2021)
    later = doc("e2022", OPENING, TRAINING, PROBLEMS, agency="青石区 科技局", year=2022)
    other = doc("o2022", OPENING, TRAINING, PLATFORM, agency="白沙区科技局", year=2022)
    [row] = year_over_year([later, other, earlier])
    assert (row.doc_id, row.previous_doc_id, row.previous_year) == ("e2022", "e2021", 2021)
    assert row.reused_paragraphs == 2 and row.paragraphs == 3
    assert 0.5 < row.reused_share < 1.0
    assert 0.0 < row.modification < 0.5 and row.cosine == pytest.approx(1 - row.modification)


# -- the persistent index ------------------------------------------------------------------------


def test_adding_the_same_report_twice_does_not_duplicate_it(tmp_path):
    path = tmp_path / "index.sqlite"
    with DuplicateIndex(path) as index:
        assert index.add(doc("a", OPENING, TRAINING)).status == "added"
        assert index.add(doc("a", OPENING, TRAINING)).status == "unchanged"
        twin = index.add(doc("a-copy", OPENING, TRAINING))
        assert (twin.status, twin.same_as) == ("duplicate", "a")
        # A copy under another doc_id is a report of its own: stored, so that each copy finds the other.
        assert (len(index), index.n_paragraphs) == (2, 4)
        assert index.add(doc("a", OPENING, PLATFORM)).status == "replaced"
        assert (len(index), index.n_paragraphs) == (2, 4)
    with DuplicateIndex(path) as reopened:  # persistent
        assert [d["doc_id"] for d in reopened.documents()] == ["a-copy", "a"]
        keys, texts, signatures = reopened.entries()
        assert texts == [OPENING, TRAINING, OPENING, PLATFORM] and signatures.shape == (4, reopened.num_perm)


def test_each_new_report_is_checked_against_everything_before_it(tmp_path):
    with DuplicateIndex(tmp_path / "index.sqlite") as index:
        index.add(doc("first", OPENING, TRAINING))
        result = index.add(doc("second", edit(OPENING, random.Random(1), 1), PROBLEMS), threshold=0.8)
        assert [(p.doc_a, p.para_a, p.doc_b, p.para_b) for p in result.pairs] == [("second", 0, "first", 0)]
        pairs = find_duplicates(
            [doc("third", PROBLEMS, PLATFORM), doc("first", OPENING)], threshold=0.8, index=index
        )
        # third matches the indexed second; "first" given again matches second, not its own indexed self
        assert [(p.doc_a, p.doc_b) for p in pairs] == [("third", "second"), ("first", "second")]


def test_an_interrupted_add_leaves_the_index_usable_and_unchanged(tmp_path, monkeypatch):
    path = tmp_path / "index.sqlite"
    with DuplicateIndex(path) as index:
        index.add(doc("a", OPENING))
    original_rows = DuplicateIndex._paragraph_rows

    def failing_rows(self, *args):
        rows = original_rows(self, *args)
        yield next(rows)
        raise RuntimeError("simulated crash halfway through the paragraphs")

    monkeypatch.setattr(DuplicateIndex, "_paragraph_rows", failing_rows)
    with DuplicateIndex(path) as index:
        with pytest.raises(RuntimeError, match="simulated"):
            index.add(doc("b", TRAINING, PLATFORM, PROBLEMS))
        assert (len(index), index.n_paragraphs) == (1, 1)
    monkeypatch.undo()
    with DuplicateIndex(path) as index:
        assert index.add(doc("b", TRAINING, PLATFORM, PROBLEMS)).status == "added"
        assert (len(index), index.n_paragraphs) == (2, 4)


def test_a_process_killed_mid_add_leaves_the_index_usable(tmp_path):
    path = tmp_path / "index.sqlite"
    with DuplicateIndex(path) as index:
        index.add(doc("a", OPENING))
    script = textwrap.dedent(
        f"""
        import os
        from nlp.boilerplate.documents import Document, Unit
        from nlp.duplicates.index import DuplicateIndex
        original = DuplicateIndex._paragraph_rows
        def dying(self, *args):
            rows = original(self, *args)
            yield next(rows)
            os._exit(9)  # killed: no rollback, no close
        DuplicateIndex._paragraph_rows = dying
        index = DuplicateIndex({str(path)!r})
        index.add(Document("b", "b.txt", [Unit(0, {TRAINING!r}), Unit(1, {PLATFORM!r})]))
        """
    )
    assert subprocess.run([sys.executable, "-c", script], timeout=120).returncode == 9
    with DuplicateIndex(path) as index:
        assert (len(index), index.n_paragraphs) == (1, 1)
        assert index.add(doc("b", TRAINING, PLATFORM)).status == "added"


def test_a_file_that_is_not_an_index_gives_a_clear_error(tmp_path):
    bad = tmp_path / "notes.sqlite"
    bad.write_text("these are my notes, not a database " * 50, encoding="utf-8")
    with pytest.raises(IndexError_, match="cannot open"):
        DuplicateIndex(bad)
    assert bad.read_text(encoding="utf-8").startswith("these are my notes")


def test_an_index_of_the_former_schema_is_refused_with_how_to_rebuild_it(tmp_path):
    """Its stored signatures were made from texts whose figures were compared as printed."""
    import sqlite3

    path = tmp_path / "old.sqlite"
    with DuplicateIndex(path) as index:
        index.add(doc("a", OPENING, TRAINING))
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    before = path.read_bytes()
    with pytest.raises(IndexError_, match="rebuild it"):
        DuplicateIndex(path)
    assert path.read_bytes() == before


# -- the command line ----------------------------------------------------------------------------


def write_jsonl(path, records) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def test_dupes_command_writes_the_pairs_csv(tmp_path):
    paragraphs = tmp_path / "paragraphs.jsonl"
    write_jsonl(
        paragraphs,
        [
            {"doc_id": "r1", "id": "p1", "text": OPENING},
            {"doc_id": "r1", "id": "p2", "text": TRAINING},
            {"doc_id": "r2", "id": "q7", "text": OPENING.replace("一千余条", "一千二百余条")},
            {"doc_id": "r3", "id": "z1", "text": PROBLEMS},
        ],
    )
    output = tmp_path / "pairs.csv"
    families = tmp_path / "families.jsonl"
    assert (
        main(
            [
                "dupes",
                str(paragraphs),
                "--threshold",
                "0.8",
                "--output",
                str(output),
                "--families",
                str(families),
            ]
        )
        == 0
    )
    with open(output, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == PAIR_COLUMNS
        rows = list(reader)
    assert [(r["doc_a"], r["para_a"], r["doc_b"], r["para_b"]) for r in rows] == [("r1", "p1", "r2", "q7")]
    assert 0.8 <= float(rows[0]["similarity"]) < 1.0 and rows[0]["text_a"] == OPENING
    assert json.loads(families.read_text(encoding="utf-8").splitlines()[0])["n_documents"] == 2


def test_index_add_and_dupes_against_the_index(tmp_path, capsys):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    write_jsonl(
        first, [{"doc_id": "old", "id": 1, "text": OPENING}, {"doc_id": "old", "id": 2, "text": PLATFORM}]
    )
    write_jsonl(second, [{"doc_id": "new", "id": 1, "text": PLATFORM}])
    db = tmp_path / "index.sqlite"
    assert main(["index", "add", str(first), "--index", str(db)]) == 0
    assert main(["index", "add", str(first), "--index", str(db)]) == 0
    assert "1 unchanged" in capsys.readouterr().out
    output = tmp_path / "pairs.csv"
    assert main(["dupes", str(second), "--index", str(db), "--output", str(output)]) == 0
    rows = list(csv.DictReader(open(output, encoding="utf-8-sig", newline="")))
    assert [(r["doc_a"], r["doc_b"], r["para_b"]) for r in rows] == [("new", "old", "2")]


def test_dupes_goes_on_after_a_bad_input_and_exits_non_zero(tmp_path, capsys):
    good = tmp_path / "good.jsonl"
    write_jsonl(good, [{"doc_id": "a", "id": 1, "text": OPENING}, {"doc_id": "b", "id": 1, "text": OPENING}])
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"\xff\xd8\xff\xe0 this is a JPEG, not a PDF")
    output = tmp_path / "pairs.csv"
    assert main(["dupes", str(good), str(broken), "--output", str(output)]) == 1
    assert "broken.pdf" in capsys.readouterr().err
    assert len(list(csv.DictReader(open(output, encoding="utf-8-sig", newline="")))) == 1
    assert (
        main(["dupes", str(good), "--index", str(tmp_path / "missing.sqlite"), "--output", str(output)]) == 1
    )


def test_a_pair_store_outlives_a_killed_run_of_its_batch_only(tmp_path):
    from nlp.duplicates.pairstore import PairStore

    path = tmp_path / "pairs.sqlite"
    first, second = DuplicatePair("b", 1, "a", 0, 0.9, "乙", "甲"), DuplicatePair("c", 0, "a", 0, 1.0, "丙", "甲")
    store = PairStore(path, batch="batch 1")
    store.add([first], done="b")
    store.close()  # what a killed run leaves
    with PairStore(path, batch="batch 1", reuse=True) as again:
        assert again.done() == {"b"} and [(p.doc_a, p.doc_b) for p in again] == [("a", "b")]
        again.add([second, first], done="c")
        assert len(again) == 2 and again.done() == {"b", "c"}
    with PairStore(path, batch="batch 1") as fresh:  # not asked to reuse: a new run
        assert fresh.done() == set() and len(fresh) == 0
        fresh.add([first], done="b")
    with PairStore(path, batch="batch 2", reuse=True) as other:  # another batch's leftovers
        assert other.done() == set() and len(other) == 0
        other.discard()
    assert not path.exists()
    path.write_bytes(b"not a database")  # whatever a crash left
    with PairStore(path, batch="batch 2", reuse=True) as damaged:
        assert damaged.done() == set()
    with PairStore(tmp_path / "temporary.sqlite") as temporary:
        temporary.add([first])
        assert len(temporary) == 1
    assert not (tmp_path / "temporary.sqlite").exists()


def test_lookup_finds_what_add_finds_and_reuses_stored_signatures(tmp_path):
    """`lookup` (pass 2, `index add`) and `add(threshold=)` agree; an indexed report's stored
    signatures are those its text gives, so reading them back changes nothing."""
    second = doc("second", edit(OPENING, random.Random(1), 1), PROBLEMS, TRAINING)
    with DuplicateIndex(tmp_path / "a.sqlite") as index:
        index.add(doc("first", OPENING, TRAINING, PLATFORM))
        before = index.lookup(second, threshold=0.8)  # not in the index yet: signatures computed
        added = index.add(second, threshold=0.8)
        after = index.lookup(second, threshold=0.8)  # in the index: signatures read back
        _, _, computed = index.prepare(second)
        _, _, stored = index.prepare(second, stored=True)
    assert np.array_equal(computed, stored) and stored.dtype == computed.dtype
    found = sorted((p.doc_a, p.para_a, p.doc_b, p.para_b) for p in added.pairs)
    assert found == [("second", 0, "first", 0), ("second", 2, "first", 1)]
    for lookups in (before, after):
        assert sorted((p.doc_a, p.para_a, p.doc_b, p.para_b) for m in lookups for p in m.pairs) == found
    # Changed text under the same doc_id: the stored signatures are not used for it.
    changed = doc("second", PLATFORM, PROBLEMS)
    with DuplicateIndex(tmp_path / "a.sqlite") as index:
        _, _, fresh = index.prepare(changed, stored=True)
        assert np.array_equal(fresh, index.prepare(changed)[2])
        assert [p.doc_b for m in index.lookup(changed, 0.8) for p in m.pairs] == ["first"]


def test_passages_take_documents_and_the_public_functions_take_any_input():
    from nlp.duplicates.find import as_documents

    report = nlp.parse_text(f"示例县示例局2023年政府信息公开工作年度报告\n一、总体情况\n{TRAINING}\n", doc_id="r")
    items = [doc("a", TRAINING), report, {"doc_id": "d", "id": "x1", "text": TRAINING}, ("t", 3, TRAINING)]
    documents = list(as_documents(items))
    assert [d.doc_id for d in documents] == ["a", "r", "d", "t"]
    chosen = passages(documents)
    assert [(p.doc_id, p.para_id) for p in chosen][0] == ("a", 0) and ("d", "x1") in {(p.doc_id, p.para_id) for p in chosen}
    assert {p.doc_id for p in chosen} == {"a", "r", "d", "t"}
    # every pair across the four kinds of input is found, as `find_duplicates` reads them the same way
    assert len(find_duplicates(items, threshold=0.9)) == 6


def test_year_over_year_uses_the_words_the_pipeline_cut():
    earlier = nlp.parse_text(f"示例县示例局2022年政府信息公开工作年度报告\n一、总体情况\n{TRAINING}\n{PLATFORM}\n", doc_id="e")
    later = nlp.parse_text(f"示例县示例局2023年政府信息公开工作年度报告\n一、总体情况\n{TRAINING}\n{PROBLEMS}\n", doc_id="l")
    calls: list[str] = []

    def tokenizer(text: str) -> list[str]:
        calls.append(text)
        return list(text)

    [cut_here] = year_over_year([earlier, later], tokenizer=tokenizer)
    assert calls  # nothing was cut before: the tokenizer ran
    for report in (earlier, later):
        for paragraph in report.narrative():
            paragraph.tokens = list(paragraph.text)
    calls.clear()
    [reused] = year_over_year([earlier, later], tokenizer=tokenizer)
    assert calls == [] and reused.cosine == pytest.approx(cut_here.cosine)


def test_reused_share_alone_is_year_over_years_share_and_cuts_no_words(monkeypatch):
    from nlp.duplicates.families import reused_share

    earlier = doc("e2021", OPENING, TRAINING, PLATFORM, agency="青石区科技局", year=2021)
    later = doc("e2022", OPENING, TRAINING + "本年新增。", PROBLEMS, agency="青石区科技局", year=2022)
    [row] = year_over_year([later, earlier])

    def no_cutting(*args, **kwargs):
        raise AssertionError("no words are cut for the share")

    monkeypatch.setattr("nlp.tokenize.Tokenizer.__call__", no_cutting)
    assert reused_share(later, earlier) == pytest.approx(row.reused_share) and 0 < row.reused_share < 1
    assert reused_share(later, earlier, threshold=1.0) < row.reused_share  # the edited paragraph no longer counts


def test_reports_prepared_together_are_indexed_as_one_by_one(tmp_path):
    """`prepare_many` (pass 1 prepares a chunk of reports at once) gives each document the passages,
    shingles and signatures `prepare` gives it alone, and the index the same rows."""
    chooser = random.Random(5)
    words = ["政府信息公开", "依申请公开", "主动公开", "行政复议", "本机关", "2023年", "，", "。", "（一）", "共计", "件"]

    def text(length: int) -> str:
        return "".join(chooser.choice(words) for _ in range(length))

    documents = [
        Document(f"d{n}", "", [Unit(k, text(chooser.randint(1, 40))) for k in range(chooser.randint(0, 9))]) for n in range(12)
    ]
    documents.append(Document("short_only", "", [Unit(0, "无。"), Unit(1, "（一）")]))  # no passage long enough
    documents.append(documents[0])  # the same content again
    with DuplicateIndex(tmp_path / "alone.sqlite") as alone, DuplicateIndex(tmp_path / "together.sqlite") as together:
        prepared = together.prepare_many(documents)
        assert len(prepared) == len(documents)
        for document, (chosen, sets, signatures) in zip(documents, prepared, strict=True):
            own_chosen, own_sets, own_signatures = alone.prepare(document)
            assert chosen == own_chosen and len(sets) == len(own_sets)
            assert all(np.array_equal(a, b) for a, b in zip(sets, own_sets, strict=True))
            assert np.array_equal(signatures, own_signatures) and signatures.shape == (len(chosen), alone.num_perm)
        for document, ready in zip(documents, prepared, strict=True):
            assert alone.add(document).status == together.add(document, prepared=ready).status
        assert alone.entries()[:2] == together.entries()[:2]
        assert np.array_equal(alone.entries()[2], together.entries()[2])
    assert together.prepare_many([]) == []


def test_additions_grouped_in_one_transaction_keep_each_whole(tmp_path, monkeypatch):
    """`adding`: one commit for several additions; an addition that fails inside undoes itself
    alone, the ones that returned are committed even when the block ends by an exception."""
    path = tmp_path / "index.sqlite"
    original = DuplicateIndex._paragraph_rows

    def failing(self, doc_key, chosen, signatures):
        rows = original(self, doc_key, chosen, signatures)
        yield next(rows)
        raise OSError("planted")

    with DuplicateIndex(path) as index, pytest.raises(OSError, match="planted"):
        with index.adding():
            index.add(doc("a", OPENING))
            monkeypatch.setattr(DuplicateIndex, "_paragraph_rows", failing)
            index.add(doc("b", TRAINING, PLATFORM))
    monkeypatch.undo()
    with DuplicateIndex(path) as index:
        assert [row["doc_id"] for row in index.documents()] == ["a"] and index.n_paragraphs == 1
        with index.adding():
            assert index.add(doc("b", TRAINING, PLATFORM)).status == "added"
            assert index.add(doc("c", PROBLEMS)).status == "added"
        with index.reading():
            found = index.lookup(doc("d", TRAINING), threshold=0.8)
            assert index._db.in_transaction  # one snapshot for the block
        assert not index._db.in_transaction  # the read transaction ended with its block
    with DuplicateIndex(path) as index:
        assert (len(index), index.n_paragraphs) == (3, 4)
    assert [pair.doc_b for pair in found[0].pairs] == ["b"]


def test_a_pair_store_committing_several_adds_at_once_loses_only_uncommitted_ones_to_a_kill(tmp_path):
    """`commit_every`: a kill loses the adds since the last commit (names and pairs alike), never a
    name without its pairs; an add that fails undoes itself alone."""
    path = tmp_path / "pairs.sqlite"
    script = textwrap.dedent(
        f"""
        import os
        from nlp.duplicates.lsh import DuplicatePair
        from nlp.duplicates.pairstore import PairStore
        store = PairStore({str(path)!r}, batch="batch", commit_every=3)
        for number, name in enumerate("bcde"):
            store.add([DuplicatePair(name, 0, "a", number, 0.9, "x", "y")], done=name)
        os._exit(9)  # killed: the fourth add is not committed
        """
    )
    assert subprocess.run([sys.executable, "-c", script], timeout=120).returncode == 9
    from nlp.duplicates.pairstore import PairStore

    with PairStore(path, batch="batch", reuse=True, commit_every=3) as store:
        assert store.done() == {"b", "c", "d"} and sorted(p.doc_b for p in store) == ["b", "c", "d"]
        store.add([DuplicatePair("e", 0, "a", 3, 0.9, "x", "y")], done="e")
        with pytest.raises(sqlite3.ProgrammingError):
            store.add([DuplicatePair("f", 0, "a", 4, 0.9, "x", object())], done="f")  # a text SQLite cannot store
        assert store.done() == {"b", "c", "d", "e"} and len(store) == 4
