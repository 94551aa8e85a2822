"""Invented, internally consistent figures for one report's three tables, and deliberate errors.

The figures are drawn from a seeded random generator at a scale fitting the agency's level (a township
receives a handful of requests, a provincial department a thousand or more), then made to satisfy
TABLES.md's arithmetic by construction: each applicant column's outcomes are a split of the requests it
handled, and every total is a sum.
"""

from __future__ import annotations

import random

from spec import APPLICANT_COLS, REVIEW_COLS, REVIEW_ROWS, active_blocks, outcome_keys, request_rows

Cells = dict[tuple[str, str, str], float]

# Requests per year from natural persons, by agency level: (low, high).
_SCALE = {"township": (2, 9), "county": (15, 90), "city": (40, 260), "province": (900, 2600)}

# How handled requests usually end: most are granted or not held; a few of every other kind.
_OUTCOME_WEIGHTS = {
    "granted": 45,
    "partially_granted": 6,
    "denied_state_secret": 0.3,
    "denied_prohibited": 0.5,
    "denied_security_stability": 0.3,
    "denied_third_party": 1,
    "denied_internal_affairs": 1.5,
    "denied_process_info": 2,
    "denied_enforcement_files": 1,
    "denied_admin_query": 2,
    "unavailable_not_held": 22,
    "unavailable_needs_creation": 4,
    "unavailable_unclear": 3,
    "not_processed_complaint": 3,
    "not_processed_duplicate": 3,
    "not_processed_publication": 0.5,
    "not_processed_mass_repeat": 0.7,
    "not_processed_confirmation": 0.5,
    "other_handling": 4,
    "other_overdue_correction": 2,
    "other_unpaid_fee": 0.3,
    "other_misc": 2,
}


def _split(rng: random.Random, n: int, keys: list[str]) -> dict[str, int]:
    """Deal n handled requests out over the outcome rows by their usual weights."""
    counts = dict.fromkeys(keys, 0)
    weights = [_OUTCOME_WEIGHTS[k] for k in keys]
    for key in rng.choices(keys, weights=weights, k=n):
        counts[key] += 1
    return counts


def request_figures(rng: random.Random, template: str, level: str) -> Cells:
    """Table 三 for one report: per applicant column, received = handled + carried forward."""
    low, high = _SCALE[level]
    cells: Cells = {}
    # Share of natural persons' volume that each legal-person column receives.
    shares = [1.0, 0.12, 0.01, 0.02, 0.04, 0.03]
    keys = [r.key for r in request_rows(template)]
    outcomes = outcome_keys(template)
    for col, share in zip(APPLICANT_COLS, shares, strict=True):
        base = rng.randint(low, high) * share
        # Legal persons: the volume share, plus now and then one request that share would round away.
        new = int(base) + (1 if share < 1 and rng.random() < 0.15 else 0)
        carried_over = rng.randint(0, max(0, new // 12))
        forward = rng.randint(0, max(0, (new + carried_over) // 10))
        handled = new + carried_over - forward
        col_cells = {"new_received": new, "carried_over": carried_over, "carried_forward": forward}
        col_cells.update(_split(rng, handled, outcomes))
        col_cells["total_handled"] = handled
        for key in keys:
            cells[("requests", key, col)] = col_cells[key]
    for key in keys:
        cells[("requests", key, "total")] = sum(cells[("requests", key, c)] for c in APPLICANT_COLS)
    return cells


def review_figures(rng: random.Random, level: str) -> Cells:
    """Table 四: a few reviews and suits, more for bigger agencies; total is the row's sum."""
    high = {"township": 1, "county": 4, "city": 8, "province": 30}[level]
    cells: Cells = {}
    for row in REVIEW_ROWS:
        parts = [
            rng.randint(0, high),
            rng.randint(0, max(1, high // 4)),
            rng.randint(0, high // 2),
            rng.randint(0, high // 2),
        ]
        if row == "litigation_after_review":
            parts = [p // 2 for p in parts]
        for col, value in zip(REVIEW_COLS, parts + [sum(parts)], strict=True):
            cells[("review_litigation", row, col)] = value
    return cells


def _active_2021(rng: random.Random, level: str) -> dict[str, dict[str, float]]:
    big = {"township": 0, "county": 1, "city": 2, "province": 3}[level]
    regs = (
        {"issued": rng.randint(0, 3), "repealed": rng.randint(0, 2), "in_force": rng.randint(15, 70)}
        if level == "province"
        else {"issued": 0, "repealed": 0, "in_force": 0}
    )
    fee = 0.0 if level == "township" or rng.random() < 0.4 else round(rng.uniform(3, 900), 2)
    return {
        "regulations": regs,
        "normative_documents": {
            "issued": rng.randint(0, 3 + 4 * big),
            "repealed": rng.randint(0, 2 + 2 * big),
            "in_force": rng.randint(3, 20 + 40 * big),
        },
        "licensing": {"decisions": int(rng.uniform(0, 10) * 10**big)},
        "punishment": {"decisions": int(rng.uniform(0, 6) * 10**big)},
        "coercion": {"decisions": int(rng.uniform(0, 3) * 10 ** max(0, big - 1))},
        "fees": {"amount": fee},
    }


def _active_2019(rng: random.Random, level: str) -> dict[str, dict[str, float]]:
    big = {"township": 0, "county": 1, "city": 2, "province": 3}[level]
    out: dict[str, dict[str, float]] = {}
    for key, scale in (
        ("regulations", 0 if level != "province" else 4),
        ("normative_documents", 3 + 4 * big),
    ):
        made = rng.randint(0, scale)
        published = rng.randint(max(0, made - 1), made)
        out[key] = {
            "new_made": made,
            "new_published": published,
            "total_published": published + (rng.randint(5, 15 + 30 * big) if scale else 0),
        }
    for key, scale in (("licensing", 20), ("other_services", 12), ("punishment", 40), ("coercion", 6)):
        prev = rng.randint(0, scale * (1 + big))
        out[key] = {
            "prev_items": prev,
            "change": rng.randint(-min(prev, 4), 4),
            "decisions": int(rng.uniform(0, 10) * 10**big),
        }
    prev_fees = rng.randint(0, 3 + 3 * big)
    out["fees"] = {"prev_items": prev_fees, "change": rng.randint(-min(prev_fees, 2), 1)}
    items = rng.randint(0, 6 * (1 + big))
    out["procurement"] = {"items": items, "amount": round(items * rng.uniform(4, 60), 2) if items else 0.0}
    return out


def active_figures(rng: random.Random, template: str, level: str) -> Cells:
    """Table 二, keyed like the other tables; amounts (万元) are floats, counts ints."""
    drawn = _active_2019(rng, level) if template == "2019" else _active_2021(rng, level)
    cells: Cells = {}
    for block in active_blocks(template):
        for row, _ in block.rows:
            for col in block.cols:
                cells[("active", row, col)] = drawn[row][col]
    return cells


def report_figures(seed: int, template: str, level: str) -> Cells:
    """All three tables for one report."""
    rng = random.Random(seed)
    cells = active_figures(rng, template, level)
    cells.update(request_figures(rng, template, level))
    cells.update(review_figures(rng, level))
    return cells


def apply_error(
    cells: Cells, table: str, row: str, col: str, delta: int, rules: list[int], note: str
) -> dict:
    """Misprint one cell by delta (as a hand-copied table does) and return the error's record."""
    key = (table, row, col)
    consistent = cells[key]
    cells[key] = consistent + delta
    return {
        "table": table,
        "row": row,
        "col": col,
        "printed": cells[key],
        "consistent": consistent,
        "rules": rules,
        "note": note,
    }
