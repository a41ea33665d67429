#!/usr/bin/env python3
"""Table of an attention-head path: per point, heads kept, validation loss (nats and bits per
character), test accuracy and speed-ups; then, per method, the point with the fewest heads whose
validation loss is within TOL nats of the ungated reference (the magnitude curve's point at prune
ratio 0: plain training, nothing removed). Usage: heads-table.py PATH_DIR [TOL]"""
import json
import math
import sys

d = sys.argv[1]
tol = float(sys.argv[2]) if len(sys.argv) > 2 else 0.05
pts = json.load(open(d + "/path.json"))["points"]
name = lambda p: ("D = %d" % p["depth"]) if p["method"] == "d-gating" else p["method"]
print("| curve | lambda or ratio | heads kept | validation loss (nats/char) | bits/char | test accuracy "
      "| theoretical speed-up | measured, batch 1 | batch 64 |")
print("|---|---|---|---|---|---|---|---|---|")
for p in pts:
    m = p.get("measuredSpeedup", {})
    f = lambda b: ("%.2fx" % m["batch%d" % b]) if ("batch%d" % b) in m else "-"
    kept = sum(p["groupsKept"].values())
    total = sum(p["groupsTotal"].values())
    loss = p.get("validationLoss")
    ts = p.get("theoreticalSpeedup")
    print(f"| {name(p)} | {p['lambda']:.3g} | {kept} of {total} | {loss:.4f} | {loss / math.log(2):.4f} "
          f"| {p['testScore']:.4f} | {('%.2fx' % ts) if ts else '-'} | {f(1)} | {f(64)} |")
ref = [p for p in pts if p["method"] == "magnitude" and p["lambda"] == 0]
if ref:
    r = ref[0]["validationLoss"]
    print(f"\nungated reference: validation loss {r:.4f} nats per character; within {tol} nats: <= {r + tol:.4f}\n")
    print("| curve | fewest heads kept within tolerance | validation loss |")
    print("|---|---|---|")
    curves = {}
    for p in pts:
        curves.setdefault(name(p), []).append(p)
    for k, ps in curves.items():
        ok = [p for p in ps if p.get("validationLoss") is not None and p["validationLoss"] <= r + tol]
        if not ok:
            print(f"| {k} | none | |")
            continue
        p = min(ok, key=lambda q: (sum(q["groupsKept"].values()), q["validationLoss"]))
        print(f"| {k} | {sum(p['groupsKept'].values())} of {sum(p['groupsTotal'].values())} (lambda or ratio "
              f"{p['lambda']:.3g}) | {p['validationLoss']:.4f} |")
