#!/usr/bin/env python3
"""Writes N random valid CVSS vectors (v3.1, v4.0 or mixed) for the CVSS
benchmark: random base metrics, and for about half of them random temporal /
threat, environmental and (v4.0) supplemental metrics in specification order.
Usage: cvss_vectors.py {v31|v40|mixed} N OUT  (seeded: the same file every run)"""
import random
import sys

V31 = [("AV", "NALP"), ("AC", "LH"), ("PR", "NLH"), ("UI", "NR"), ("S", "UC"),
       ("C", "HLN"), ("I", "HLN"), ("A", "HLN")]
V31_OPT = [("E", "XUPFH"), ("RL", "XOTWU"), ("RC", "XURC"), ("CR", "XLMH"), ("IR", "XLMH"),
           ("AR", "XLMH"), ("MAV", "XNALP"), ("MAC", "XLH"), ("MPR", "XNLH"), ("MUI", "XNR"),
           ("MS", "XUC"), ("MC", "XNLH"), ("MI", "XNLH"), ("MA", "XNLH")]
V40 = [("AV", "NALP"), ("AC", "LH"), ("AT", "NP"), ("PR", "NLH"), ("UI", "NPA"),
       ("VC", "HLN"), ("VI", "HLN"), ("VA", "HLN"), ("SC", "HLN"), ("SI", "HLN"), ("SA", "HLN")]
V40_OPT = [("E", "XAPU"), ("CR", "XHML"), ("IR", "XHML"), ("AR", "XHML"), ("MAV", "XNALP"),
           ("MAC", "XLH"), ("MAT", "XNP"), ("MPR", "XNLH"), ("MUI", "XNPA"), ("MVC", "XHLN"),
           ("MVI", "XHLN"), ("MVA", "XHLN"), ("MSC", "XHLN"), ("MSI", "XSHLN"), ("MSA", "XSHLN"),
           ("S", "XNP"), ("AU", "XNY"), ("R", "XAUI"), ("V", "XDC"), ("RE", "XLMH")]


def vector(rng, prefix, base, opt):
    parts = [f"{m}:{rng.choice(v)}" for m, v in base]
    if rng.random() < 0.5:
        parts += [f"{m}:{rng.choice(v)}" for m, v in opt if rng.random() < 0.4]
    return prefix + "/".join(parts)


def main():
    kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rng = random.Random(20261124)
    with open(out, "w") as f:
        for i in range(n):
            v4 = kind == "v40" or (kind == "mixed" and i % 2)
            if v4:
                f.write(vector(rng, "CVSS:4.0/", V40, V40_OPT) + "\n")
            else:
                f.write(vector(rng, "CVSS:3.1/", V31, V31_OPT) + "\n")


main()
