"""Check set AN: labels against texts, files against texts, sections, tables. Prints 'N errors'."""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
NS = {"ofd": "http://www.ofdspec.org/2016"}
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization",
          "problem", "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
errors = []


def err(msg):
    errors.append(msg)


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# ------------------------------------------------------------------ OFD reading
def parse_dx(spec, n):
    if not spec:
        return []
    toks = spec.split()
    out, i = [], 0
    while i < len(toks):
        if toks[i] == "g":
            out += [float(toks[i + 2])] * int(toks[i + 1])
            i += 3
        else:
            out.append(float(toks[i]))
            i += 1
    return out


def ofd_pages(path, producer=None):
    """Return the body text of each page in reading order (header/footer dropped), plus shape facts."""
    z = zipfile.ZipFile(path)
    root = ET.fromstring(z.read("OFD.xml"))
    doc_root = root.find(".//ofd:DocRoot", NS).text
    base = os.path.dirname(doc_root)
    doc = ET.fromstring(z.read(doc_root))
    phys = [float(x) for x in doc.find(".//ofd:PhysicalBox", NS).text.split()]
    if phys[2:] != [210.0, 297.0]:
        err(f"{path}: page box {phys}")
    res = ET.fromstring(z.read(base + "/" + doc.find(".//ofd:PublicRes", NS).text))
    fonts = {f.get("ID") for f in res.findall(".//ofd:Font", NS)}
    annots = doc.find(".//ofd:Annotations", NS)
    if annots is None:
        err(f"{path}: no Annotations")
    else:
        a = ET.fromstring(z.read(base + "/" + annots.text))
        locs = [p.find("ofd:FileLoc", NS).text for p in a.findall("ofd:Page", NS)]
        adir = os.path.dirname(base + "/" + annots.text)
        stamps = sum(len(ET.fromstring(z.read(adir + "/" + loc)).findall(".//ofd:Annot[@Type='Stamp']", NS))
                     for loc in locs)
        if stamps < 1:
            err(f"{path}: no seal")
    pages, shapes = [], []
    for p in doc.findall(".//ofd:Pages/ofd:Page", NS):
        content = ET.fromstring(z.read(base + "/" + p.get("BaseLoc")))
        items, nobj, maxlen, furniture_pos = [], 0, 0, []
        objs = content.findall(".//ofd:TextObject", NS)
        for k, to in enumerate(objs):
            nobj += 1
            bx, by, bw, bh = [float(v) for v in to.get("Boundary").split()]
            if to.get("Font") not in fonts:
                err("{}: font {} not in PublicRes".format(path, to.get("Font")))
            if bx < 0 or by < 0 or bx + bw > 210.5 or by + bh > 297.5:
                err("{}: object outside page {}".format(path, to.get("Boundary")))
            for tc in to.findall("ofd:TextCode", NS):
                s = tc.text or ""
                maxlen = max(maxlen, len(s))
                dx = parse_dx(tc.get("DeltaX"), len(s))
                if dx and len(dx) != len(s) - 1:
                    err(f"{path}: DeltaX count {len(dx):d} for {len(s):d} chars")
                y = by + float(tc.get("Y"))
                x = bx + float(tc.get("X"))
                if y < 30 or y > 272:
                    furniture_pos.append(k)
                    continue
                items.append((round(y, 1), x, s))
        items.sort(key=lambda t: (t[0], t[1]))
        pages.append("".join(s for _, _, s in items))
        shapes.append(dict(objects=nobj, maxlen=maxlen, furniture_last=furniture_pos == list(
            range(nobj - len(furniture_pos), nobj))))
    return pages, shapes


def norm(s):
    return re.sub(r"\s+", "", s)


# ------------------------------------------------------------------ checks
reports = load("reports.jsonl")
labels = load("labels.jsonl")
sections = {r["doc_id"]: r["sections"] for r in load("sections.jsonl")}
tables = {r["doc_id"]: r for r in load("tables.jsonl")}
by_doc = {}
for r in labels:
    by_doc.setdefault(r["doc_id"], []).append(r)

REQ_ROWS = ["new_received", "carried_over", "granted", "partially_granted", "denied_state_secret",
            "denied_prohibited", "denied_security_stability", "denied_third_party", "denied_internal_affairs",
            "denied_process_info", "denied_enforcement_files", "denied_admin_query", "unavailable_not_held",
            "unavailable_needs_creation", "unavailable_unclear", "not_processed_complaint",
            "not_processed_duplicate", "not_processed_publication", "not_processed_mass_repeat",
            "not_processed_confirmation", "other_overdue_correction", "other_unpaid_fee", "other_misc",
            "total_handled", "carried_forward"]
OUTCOMES = REQ_ROWS[2:-2]
REQ_COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
            "legal_service_org", "other_org", "total"]
ACTIVE = {("regulations", c) for c in ("issued", "repealed", "in_force")} | \
         {("normative_documents", c) for c in ("issued", "repealed", "in_force")} | \
         {("licensing", "decisions"), ("punishment", "decisions"), ("coercion", "decisions"), ("fees", "amount")}
RL_ROWS = ["review", "litigation_direct", "litigation_after_review"]
RL_COLS = ["upheld", "corrected", "other_result", "pending", "total"]
FIELDS = ["doc_id", "agency", "year", "template", "title", "level", "province", "file", "format", "split",
          "text", "page"]

if len(reports) != 16:
    err(f"expected 16 reports, got {len(reports):d}")
for rep in reports:
    did = rep["doc_id"]
    for f in FIELDS:
        if f not in rep or rep[f] in (None, ""):
            err(f"{did}: field {f} missing")
    want_split = "dev" if int(did[2:]) % 2 else "held"
    if rep["split"] != want_split:
        err("{}: split {}".format(did, rep["split"]))
    if rep["template"] != "2021" or not (2022 <= rep["year"] <= 2025) or rep["format"] != "ofd":
        err(f"{did}: template/year/format")
    lines = [ln for ln in rep["text"].split("\n") if ln.strip()]
    recs = by_doc.get(did, [])
    if len(recs) != len(lines):
        err(f"{did}: {len(lines):d} lines but {len(recs):d} label records")
    for i, (ln, r) in enumerate(zip(lines, recs, strict=False)):
        if r["para_index"] != i or r["text"] != ln:
            err(f"{did}[{i:d}]: record out of order or text differs")
        if r["kind"] not in KINDS:
            err(f"{did}[{i:d}]: kind {r['kind']}")
        if r["kind"] == "narrative":
            if r["label"] not in LABELS or not isinstance(r["generic"], bool):
                err(f"{did}[{i:d}]: bad narrative label/generic")
            if "unsure" in r and (r["unsure"] not in LABELS or r["unsure"] == r["label"]):
                err(f"{did}[{i:d}]: bad unsure")
        else:
            if r["label"] is not None or r["generic"] is not None:
                err(f"{did}[{i:d}]: non-narrative with label/generic")
        if not isinstance(r["mixed"], bool):
            err(f"{did}[{i:d}]: mixed not bool")
    narr = [r for r in recs if r["kind"] == "narrative"]
    if len(narr) < 30:
        err(f"{did}: only {len(narr):d} narrative units")
    # ---- the file
    path = os.path.join(HERE, rep["file"])
    if not os.path.exists(path):
        err(f"{did}: file missing")
        continue
    pages, shapes = ofd_pages(path)
    body = norm("".join(pages))
    pos = 0
    for r in recs:
        if r["kind"] in ("narrative", "heading"):
            t = norm(r["text"])
            j = body.find(t, pos)
            if j < 0:
                err(f"{did}[{r['para_index']:d}]: {r['kind']} line not found in order in file: {r['text'][:30]}")
            else:
                pos = j + len(t)
    prod = rep.get("producer")
    if prod == "word":
        if max(s["maxlen"] for s in shapes) < 20:
            err(f"{did}: word export should have whole printed lines")
    elif prod == "pdf":
        if max(s["maxlen"] for s in shapes) > 12:
            err(f"{did}: pdf conversion should have per-character objects")
        if not all(s["furniture_last"] for s in shapes):
            err(f"{did}: header/footer not drawn last")
    if len(pages) < 3:
        err(f"{did}: only {len(pages):d} pages")
    # ---- sections
    secs = sections.get(did, [])
    if [s["number"] for s in secs] != [1, 2, 3, 4, 5, 6]:
        err("{}: section numbers {}".format(did, [s["number"] for s in secs]))
    for s in secs:
        r = recs[s["para_index"]] if s["para_index"] < len(recs) else None
        if not r or r["kind"] != "heading" or r["text"] != s["name"]:
            err("{}: section {} does not point at its heading".format(did, s["name"]))
    # ---- tables
    t = tables.get(did)
    if not t:
        err(f"{did}: no tables entry")
        continue
    cells = {(c["table"], c["row"], c["col"]): c["value"] for c in t["cells"]}
    for row, col in ACTIVE:
        if ("active", row, col) not in cells:
            err(f"{did}: active {row}/{col} missing")
    for row in REQ_ROWS:
        for col in REQ_COLS:
            if ("requests", row, col) not in cells:
                err(f"{did}: requests {row}/{col} missing")
    for row in RL_ROWS:
        for col in RL_COLS:
            if ("review_litigation", row, col) not in cells:
                err(f"{did}: review {row}/{col} missing")

    def v(*k, cells=cells):
        return cells.get(k) or 0

    for row in REQ_ROWS:
        if v("requests", row, "total") != sum(v("requests", row, c) for c in REQ_COLS[:-1]):
            err(f"{did}: requests row {row} total")
    for col in REQ_COLS:
        a = v("requests", "new_received", col) + v("requests", "carried_over", col)
        b = v("requests", "total_handled", col) + v("requests", "carried_forward", col)
        if a != b:
            err(f"{did}: requests col {col}: 1+2 != 3+4")
        if v("requests", "total_handled", col) != sum(v("requests", o, col) for o in OUTCOMES):
            err(f"{did}: requests col {col}: outcomes do not add up")
    for row in RL_ROWS:
        if v("review_litigation", row, "total") != sum(v("review_litigation", row, c) for c in RL_COLS[:-1]):
            err(f"{did}: review row {row} total")
    # ---- narrative numbers agree with the tables
    n_new = v("requests", "new_received", "total")
    found = False
    for r in narr:
        for m in re.finditer(r"(?:收到|新收|受理)(?:政府信息公开)?申请(\d+)件", r["text"]):
            found = True
            if int(m.group(1)) != n_new:
                err(f"{did}[{r['para_index']:d}]: narrative says {m.group(1)} requests, table {n_new:d}")
        for m in re.finditer(r"行政复议(\d+)件", r["text"]):
            if int(m.group(1)) != v("review_litigation", "review", "total"):
                err(f"{did}[{r['para_index']:d}]: review count differs")
        for m in re.finditer(r"行政诉讼(\d+)件", r["text"]):
            lt = v("review_litigation", "litigation_direct", "total") + v("review_litigation",
                                                                           "litigation_after_review", "total")
            if int(m.group(1)) != lt:
                err(f"{did}[{r['para_index']:d}]: litigation count differs")
    if not found:
        err(f"{did}: no narrative line states the received-request count")

for e in errors:
    print("ERROR", e)
print(f"{len(errors):d} errors")
sys.exit(1 if errors else 0)
