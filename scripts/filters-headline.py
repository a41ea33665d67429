#!/usr/bin/env python3
"""Headline table of a filter-pruning path: per method, the point with the largest theoretical
speed-up whose test accuracy is within TOL of the dense model, with its measured ONNX Runtime
speed-ups and their share of the theoretical one. The dense model is the magnitude curve's point at
prune ratio 0 (plain training, nothing removed, the same fine-tuning) when the path has one, else the
best point of the path. Ends with D-Gating's best speed-up over the best baseline's.
Usage: filters-headline.py PATH_DIR [TOL]"""
import json
import sys

d = sys.argv[1]
tol = float(sys.argv[2]) if len(sys.argv) > 2 else 0.01
pts = json.load(open(d + "/path.json"))["points"]
dense = [p for p in pts if p["method"] == "magnitude" and p["lambda"] == 0 and p.get("testScore") is not None]
if dense:
    ref = dense[0]["testScore"]
    print(f"dense model (plain training, nothing removed): test accuracy {ref:.4f}; threshold {ref - tol:.4f}\n")
else:
    ref = max(p["testScore"] for p in pts if p.get("testScore") is not None)
    print(f"best test accuracy of the path: {ref:.4f}; threshold {ref - tol:.4f}\n")
print("| method | lambda or ratio | groups kept | theoretical speed-up | measured, batch 1 | batch 32 | batch 256 "
      "| measured / theoretical, batch 32 | batch 256 | test accuracy |")
print("|---|---|---|---|---|---|---|---|---|---|")
curves = {}
for p in pts:
    key = p["method"] if p["method"] != "d-gating" else "D = %d" % p["depth"]
    curves.setdefault(key, []).append(p)
best = {}
for key, ps in curves.items():
    ok = [p for p in ps if p.get("testScore") is not None and p["testScore"] >= ref - tol
          and p.get("theoreticalSpeedup") is not None]
    if not ok:
        print(f"| {key} | none within {tol:.2f} | | | | | | | | |")
        continue
    p = max(ok, key=lambda q: q["theoreticalSpeedup"])
    best[key] = p["theoreticalSpeedup"]
    m = p.get("measuredSpeedup", {})
    kept = sum(p["groupsKept"].values())
    total = sum(p["groupsTotal"].values())
    f = lambda b: ("%.2fx" % m["batch%d" % b]) if ("batch%d" % b) in m else "-"
    share = lambda b: ("%.2f" % (m["batch%d" % b] / p["theoreticalSpeedup"])) if ("batch%d" % b) in m else "-"
    print(f"| {key} | {p['lambda']:.3g} | {kept} of {total} | {p['theoreticalSpeedup']:.2f}x | {f(1)} | {f(32)} "
          f"| {f(256)} | {share(32)} | {share(256)} | {p['testScore']:.4f} |")
ours = {k: v for k, v in best.items() if k.startswith("D = ")}
theirs = {k: v for k, v in best.items() if not k.startswith("D = ")}
if ours and theirs:
    k1 = max(ours, key=ours.get)
    k2 = max(theirs, key=theirs.get)
    print(f"\nbest D-Gating ({k1}) {ours[k1]:.2f}x against best baseline ({k2}) {theirs[k2]:.2f}x: "
          f"{ours[k1] / theirs[k2]:.2f} times the baseline's theoretical speed-up (target 1.5)")
