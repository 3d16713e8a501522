#!/usr/bin/env python3
"""Writes N repository paths for the ownership benchmark, shaped like a
Zephyr tree: directories taken from the literal parts of MAINTAINERS.yml
globs, random file names below them, and 10% paths no area owns.
Usage: owners_paths.py MAINTAINERS.yml N OUT   (seeded)"""
import random
import re
import sys

import yaml

maint, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
areas = yaml.safe_load(open(maint))
dirs = set()
for a in areas.values():
    for g in (a.get("files") or []):
        lit = re.split(r"[*?\[]", g)[0]
        dirs.add(lit[: lit.rfind("/") + 1] if "/" in lit else "")
dirs = sorted(dirs)
rng = random.Random(20261124)
names = ["main.c", "Kconfig", "CMakeLists.txt", "foo.h", "bar_driver.c", "index.rst",
         "board.yaml", "test.py", "nxp_mcux.c", "stm32_adc.c", "sdmmc.c", "mmc.c"]
with open(out, "w") as f:
    for i in range(n):
        if i % 10 == 0:
            f.write(f"unowned/{rng.randrange(1000)}/{rng.choice(names)}\n")
            continue
        d = rng.choice(dirs)
        sub = rng.choice(["", "sub/", "a/b/", "x_y/"])
        f.write(f"{d}{sub}{rng.choice(names)}\n")
