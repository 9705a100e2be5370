#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Every #include "lodeline/<module>/..." in src/lodeline/<stage>/ must name the stage itself or
a module the stage links (directly or through its dependencies, per lodeline_add_module in
CMakeLists.txt). So report/ (which formats a run) cannot be included from below it, and no
stage reaches into a later one. Exit 1 with one line per offending include."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
cmake = (root / "CMakeLists.txt").read_text()
deps = {}
for m in re.finditer(r"lodeline_add_module\((\w+)\s+DEPS([^)]*)\)", cmake):
    deps[m.group(1)] = set(re.findall(r"lodeline_(\w+)", m.group(2)))


def reachable(module, seen=None):
    seen = set() if seen is None else seen
    for d in deps.get(module, ()):
        if d not in seen:
            seen.add(d)
            reachable(d, seen)
    return seen


bad = []
for path in sorted((root / "src/lodeline").rglob("*.[ch]pp")):
    stage = path.relative_to(root / "src/lodeline").parts[0]
    if stage not in deps:
        bad.append(f"{path.relative_to(root)}: stage '{stage}' has no lodeline_add_module")
        continue
    allowed = reachable(stage) | {stage}
    for n, line in enumerate(path.read_text().splitlines(), 1):
        m = re.match(r'\s*#include "lodeline/(\w+)/', line)
        if m and m.group(1) not in allowed:
            bad.append(f"{path.relative_to(root)}:{n}: includes lodeline/{m.group(1)}/, which "
                       f"'{stage}' does not link (CMakeLists.txt lodeline_add_module)")
for b in bad:
    print(b)
if not bad:
    print(f"layering: {len(deps)} modules, every include follows the module dependencies")
sys.exit(1 if bad else 0)
