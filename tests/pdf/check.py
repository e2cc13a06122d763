#!/usr/bin/env python3
"""tests/pdf/check.py PDF.json [URI...], or check.py --titles PDF.json to
print every bookmark's title, a line each, nested ones indented by two
spaces a level.

check.py PDF.json [URI...]: checks a handout's structure from
`qpdf --json --json-key=qpdf --json-key=outlines`: every link to a named
destination names one that exists, every URI given is linked, the
outline is nested and has what the text promises. Prints what is wrong and
exits 1, or exits 0."""
import json
import sys


def titles(path):
    def show(items, depth):
        for o in items:
            print("  " * depth + o.get("title", ""))
            show(o.get("kids", []), depth + 1)
    show(json.load(open(path)).get("outlines", []), 0)


def main():
    if sys.argv[1] == "--titles":
        titles(sys.argv[2])
        return
    d = json.load(open(sys.argv[1]))
    objs = d["qpdf"][1]

    def get(ref):
        v = objs.get("obj:" + ref, {})
        return v.get("value", v) if isinstance(v, dict) else v

    def deref(v):
        return get(v) if isinstance(v, str) and v.endswith(" R") else v

    catalog = next(v["value"] for v in objs.values()
                   if isinstance(v, dict) and isinstance(v.get("value"), dict)
                   and v["value"].get("/Type") == "/Catalog")
    names = set()

    def walk(node):
        node = deref(node)
        arr = node.get("/Names", [])
        for i in range(0, len(arr), 2):
            names.add(arr[i][2:])
        for k in node.get("/Kids", []):
            walk(k)
    nt = deref(catalog.get("/Names", {}))
    if "/Dests" in nt:
        walk(nt["/Dests"])
    errors = []
    dests, uris = [], []
    for v in objs.values():
        val = v.get("value") if isinstance(v, dict) else None
        if not isinstance(val, dict) or val.get("/Subtype") != "/Link":
            continue
        if "/Dest" in val:
            dests.append(val["/Dest"][2:])
        a = deref(val.get("/A", {}))
        if a.get("/S") == "/URI":
            uris.append(a["/URI"][2:])
    for n in dests:
        if n not in names:
            errors.append("a link to a destination that does not exist: "
                          + n)
    if not dests:
        errors.append("no link to a destination in the PDF")
    for u in sys.argv[2:]:
        if u not in uris:
            errors.append("no link to " + u + " (links: "
                          + ", ".join(sorted(set(uris))) + ")")
    outlines = d.get("outlines", [])
    if not outlines:
        errors.append("no outline")
    for o in outlines:
        if "destpageposfrom1" not in o:
            errors.append("bookmark without a page: " + o.get("title", ""))
    if not any(o.get("kids") for o in outlines):
        errors.append("no bookmark is nested under a chapter")
    for e in errors:
        print(e)
    sys.exit(1 if errors else 0)


main()
