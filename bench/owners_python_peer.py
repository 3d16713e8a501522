#!/usr/bin/env python3
"""Peer of the ownership benchmark: get_maintainer.py's matching in Python.
With ZEPHYR_GET_MAINTAINER=/path/to/scripts/get_maintainer.py it imports
Zephyr's script and calls Area._contains for every area and path (what
path2areas does); without it, it runs the same algorithm written here: one
combined regex per area ('^(?:glob|...)|regex|...'), searched per path.
Prints paths/second and the number of (path, area) matches.
Usage: owners_python_peer.py MAINTAINERS.yml PATHS_FILE [LIMIT]"""
import importlib.util
import os
import re
import sys
import time

import yaml

maint, paths_file = sys.argv[1], sys.argv[2]
limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
paths = open(paths_file).read().split("\n")[:-1][:limit]


def match_fn(globs, regexes):
    if not (globs or regexes):
        return None
    parts = []
    if globs:
        g = [x.replace(".", "\\.").replace("*", "[^/]*").replace("?", "[^/]") +
             ("" if x.endswith("/") else "$") for x in globs]
        parts.append("^(?:{})".format("|".join(g)))
    if regexes:
        parts.append("|".join(regexes))
    return re.compile("|".join(parts)).search


peer = os.environ.get("ZEPHYR_GET_MAINTAINER")
if peer:
    spec = importlib.util.spec_from_file_location("get_maintainer", peer)
    gm = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gm)
    contains = [a._contains for a in gm.Maintainers(maint).areas.values()]
    source = "get_maintainer.py"
else:
    contains = []
    for a in yaml.safe_load(open(maint)).values():
        inc = match_fn(a.get("files"), a.get("files-regex"))
        exc = match_fn(a.get("files-exclude"), a.get("files-regex-exclude"))
        contains.append(lambda p, inc=inc, exc=exc: bool(inc and inc(p) and not (exc and exc(p))))
    source = "same algorithm"
t0 = time.perf_counter()
matches = 0
for p in paths:
    for c in contains:
        if c(p):
            matches += 1
s = time.perf_counter() - t0
print('{"peer": "%s", "paths": %d, "seconds": %.3f, "per_second": %d, "matches": %d}'
      % (source, len(paths), s, len(paths) / s, matches))
