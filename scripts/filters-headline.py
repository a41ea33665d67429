#!/usr/bin/env python3
"""Headline table of a filter-pruning path: per method, the point with the largest theoretical
speed-up whose test accuracy is within TOL of the best accuracy of the whole path, with its
measured ONNX Runtime speed-ups. Usage: filters-headline.py PATH_DIR [TOL]"""
import json
import sys

d = sys.argv[1]
tol = float(sys.argv[2]) if len(sys.argv) > 2 else 0.01
pts = json.load(open(d + "/path.json"))["points"]
best = max(p["testScore"] for p in pts if p.get("testScore") is not None)
print(f"best test accuracy of the path: {best:.4f}; threshold {best - tol:.4f}\n")
print("| method | lambda or ratio | groups kept | theoretical speed-up | measured, batch 1 | batch 32 | batch 256 | test accuracy |")
print("|---|---|---|---|---|---|---|---|")
curves = {}
for p in pts:
    key = p["method"] if p["method"] != "d-gating" else "D = %d" % p["depth"]
    curves.setdefault(key, []).append(p)
for key, ps in curves.items():
    ok = [p for p in ps if p.get("testScore") is not None and p["testScore"] >= best - tol
          and p.get("theoreticalSpeedup") is not None]
    if not ok:
        print(f"| {key} | none within {tol:.2f} | | | | | | |")
        continue
    p = max(ok, key=lambda q: q["theoreticalSpeedup"])
    m = p.get("measuredSpeedup", {})
    kept = sum(p["groupsKept"].values())
    total = sum(p["groupsTotal"].values())
    f = lambda b: ("%.2fx" % m["batch%d" % b]) if ("batch%d" % b) in m else "-"
    print(f"| {key} | {p['lambda']:.3g} | {kept} of {total} | {p['theoreticalSpeedup']:.2f}x | {f(1)} | {f(32)} | {f(256)} | {p['testScore']:.4f} |")
