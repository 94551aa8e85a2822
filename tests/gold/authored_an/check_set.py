"""Check set AN: labels against texts, files against texts, sections, tables. Prints 'N errors'."""
import json
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

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
        err("%s: page box %s" % (path, phys))
    res = ET.fromstring(z.read(base + "/" + doc.find(".//ofd:PublicRes", NS).text))
    fonts = {f.get("ID") for f in res.findall(".//ofd:Font", NS)}
    annots = doc.find(".//ofd:Annotations", NS)
    if annots is None:
        err("%s: no Annotations" % path)
    else:
        a = ET.fromstring(z.read(base + "/" + annots.text))
        locs = [p.find("ofd:FileLoc", NS).text for p in a.findall("ofd:Page", NS)]
        adir = os.path.dirname(base + "/" + annots.text)
        stamps = sum(len(ET.fromstring(z.read(adir + "/" + loc)).findall(".//ofd:Annot[@Type='Stamp']", NS))
                     for loc in locs)
        if stamps < 1:
            err("%s: no seal" % path)
    pages, shapes = [], []
    for p in doc.findall(".//ofd:Pages/ofd:Page", NS):
        content = ET.fromstring(z.read(base + "/" + p.get("BaseLoc")))
        items, nobj, maxlen, furniture_pos = [], 0, 0, []
        objs = content.findall(".//ofd:TextObject", NS)
        for k, to in enumerate(objs):
            nobj += 1
            bx, by, bw, bh = [float(v) for v in to.get("Boundary").split()]
            if to.get("Font") not in fonts:
                err("%s: font %s not in PublicRes" % (path, to.get("Font")))
            if bx < 0 or by < 0 or bx + bw > 210.5 or by + bh > 297.5:
                err("%s: object outside page %s" % (path, to.get("Boundary")))
            for tc in to.findall("ofd:TextCode", NS):
                s = tc.text or ""
                maxlen = max(maxlen, len(s))
                dx = parse_dx(tc.get("DeltaX"), len(s))
                if dx and len(dx) != len(s) - 1:
                    err("%s: DeltaX count %d for %d chars" % (path, len(dx), len(s)))
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
    err("expected 16 reports, got %d" % len(reports))
for rep in reports:
    did = rep["doc_id"]
    for f in FIELDS:
        if f not in rep or rep[f] in (None, ""):
            err("%s: field %s missing" % (did, f))
    want_split = "dev" if int(did[2:]) % 2 else "held"
    if rep["split"] != want_split:
        err("%s: split %s" % (did, rep["split"]))
    if rep["template"] != "2021" or not (2022 <= rep["year"] <= 2025) or rep["format"] != "ofd":
        err("%s: template/year/format" % did)
    lines = [ln for ln in rep["text"].split("\n") if ln.strip()]
    recs = by_doc.get(did, [])
    if len(recs) != len(lines):
        err("%s: %d lines but %d label records" % (did, len(lines), len(recs)))
    for i, (ln, r) in enumerate(zip(lines, recs)):
        if r["para_index"] != i or r["text"] != ln:
            err("%s[%d]: record out of order or text differs" % (did, i))
        if r["kind"] not in KINDS:
            err("%s[%d]: kind %s" % (did, i, r["kind"]))
        if r["kind"] == "narrative":
            if r["label"] not in LABELS or not isinstance(r["generic"], bool):
                err("%s[%d]: bad narrative label/generic" % (did, i))
            if "unsure" in r and (r["unsure"] not in LABELS or r["unsure"] == r["label"]):
                err("%s[%d]: bad unsure" % (did, i))
        else:
            if r["label"] is not None or r["generic"] is not None:
                err("%s[%d]: non-narrative with label/generic" % (did, i))
        if not isinstance(r["mixed"], bool):
            err("%s[%d]: mixed not bool" % (did, i))
    narr = [r for r in recs if r["kind"] == "narrative"]
    if len(narr) < 30:
        err("%s: only %d narrative units" % (did, len(narr)))
    # ---- the file
    path = os.path.join(HERE, rep["file"])
    if not os.path.exists(path):
        err("%s: file missing" % did)
        continue
    pages, shapes = ofd_pages(path)
    body = norm("".join(pages))
    pos = 0
    for r in recs:
        if r["kind"] in ("narrative", "heading"):
            t = norm(r["text"])
            j = body.find(t, pos)
            if j < 0:
                err("%s[%d]: %s line not found in order in file: %s" % (did, r["para_index"], r["kind"], r["text"][:30]))
            else:
                pos = j + len(t)
    prod = rep.get("producer")
    if prod == "word":
        if max(s["maxlen"] for s in shapes) < 20:
            err("%s: word export should have whole printed lines" % did)
    elif prod == "pdf":
        if max(s["maxlen"] for s in shapes) > 12:
            err("%s: pdf conversion should have per-character objects" % did)
        if not all(s["furniture_last"] for s in shapes):
            err("%s: header/footer not drawn last" % did)
    if len(pages) < 3:
        err("%s: only %d pages" % (did, len(pages)))
    # ---- sections
    secs = sections.get(did, [])
    if [s["number"] for s in secs] != [1, 2, 3, 4, 5, 6]:
        err("%s: section numbers %s" % (did, [s["number"] for s in secs]))
    for s in secs:
        r = recs[s["para_index"]] if s["para_index"] < len(recs) else None
        if not r or r["kind"] != "heading" or r["text"] != s["name"]:
            err("%s: section %s does not point at its heading" % (did, s["name"]))
    # ---- tables
    t = tables.get(did)
    if not t:
        err("%s: no tables entry" % did)
        continue
    cells = {(c["table"], c["row"], c["col"]): c["value"] for c in t["cells"]}
    for row, col in ACTIVE:
        if ("active", row, col) not in cells:
            err("%s: active %s/%s missing" % (did, row, col))
    for row in REQ_ROWS:
        for col in REQ_COLS:
            if ("requests", row, col) not in cells:
                err("%s: requests %s/%s missing" % (did, row, col))
    for row in RL_ROWS:
        for col in RL_COLS:
            if ("review_litigation", row, col) not in cells:
                err("%s: review %s/%s missing" % (did, row, col))
    v = lambda *k: cells.get(k) or 0  # noqa: E731
    for row in REQ_ROWS:
        if v("requests", row, "total") != sum(v("requests", row, c) for c in REQ_COLS[:-1]):
            err("%s: requests row %s total" % (did, row))
    for col in REQ_COLS:
        a = v("requests", "new_received", col) + v("requests", "carried_over", col)
        b = v("requests", "total_handled", col) + v("requests", "carried_forward", col)
        if a != b:
            err("%s: requests col %s: 1+2 != 3+4" % (did, col))
        if v("requests", "total_handled", col) != sum(v("requests", o, col) for o in OUTCOMES):
            err("%s: requests col %s: outcomes do not add up" % (did, col))
    for row in RL_ROWS:
        if v("review_litigation", row, "total") != sum(v("review_litigation", row, c) for c in RL_COLS[:-1]):
            err("%s: review row %s total" % (did, row))
    # ---- narrative numbers agree with the tables
    n_new = v("requests", "new_received", "total")
    found = False
    for r in narr:
        for m in re.finditer(r"(?:收到|新收|受理)(?:政府信息公开)?申请(\d+)件", r["text"]):
            found = True
            if int(m.group(1)) != n_new:
                err("%s[%d]: narrative says %s requests, table %d" % (did, r["para_index"], m.group(1), n_new))
        for m in re.finditer(r"行政复议(\d+)件", r["text"]):
            if int(m.group(1)) != v("review_litigation", "review", "total"):
                err("%s[%d]: review count differs" % (did, r["para_index"]))
        for m in re.finditer(r"行政诉讼(\d+)件", r["text"]):
            lt = v("review_litigation", "litigation_direct", "total") + v("review_litigation",
                                                                           "litigation_after_review", "total")
            if int(m.group(1)) != lt:
                err("%s[%d]: litigation count differs" % (did, r["para_index"]))
    if not found:
        err("%s: no narrative line states the received-request count" % did)

for e in errors:
    print("ERROR", e)
print("%d errors" % len(errors))
sys.exit(1 if errors else 0)
