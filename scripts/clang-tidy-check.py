#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Runs clang-tidy with the checked-in .clang-tidy over every .cpp of src/ and apps/, in parallel.

Fails on any finding, except those .clang-tidy-function-size-baseline lists: "path:function",
a function still over 80 lines (readability-function-size), and "path:[check]", findings of one
check in a file that another open refactor holds. It also fails on an entry that no longer
matches any finding, so the baseline only shrinks.
Exit 77 (ctest SKIP_RETURN_CODE) when clang-tidy is not installed.

Each file's output is cached in the build directory (clang-tidy-cache.json) under a hash of the
clang-tidy version, .clang-tidy, the compile command, the file and every header of src/ and
apps/; a rerun analyses only the files whose key changed (--no-cache analyses all).

usage: clang-tidy-check.py --build-dir DIR [--source-dir DIR] [--clang-tidy EXE] [--jobs N]
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

SKIP = 77
SIZE_CHECK = "readability-function-size"
FINDING = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): "
                     r"(?P<kind>warning|error): (?P<message>.*?)(?: \[(?P<checks>[^\]]+)\])?$")
SIZE_MESSAGE = re.compile(r"function '(?P<name>[^']+)' exceeds recommended size")


def find_clang_tidy(given):
    for name in ([given] if given else []) + ["clang-tidy", "clang-tidy-14", "clang-tidy-15",
                                              "clang-tidy-16"]:
        path = shutil.which(name) if name else None
        if path:
            return path
    return None


def read_baseline(path):
    entries = []
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            text = raw.split("#", 1)[0].strip()
            if text:
                entries.append((text, number))
    return entries


def sources(commands, source_dir):
    roots = [os.path.join(source_dir, d) + os.sep for d in ("src", "apps")]
    return sorted(f for f in commands if f.endswith(".cpp") and any(f.startswith(r) for r in roots))


def compile_commands(build_dir):
    with open(os.path.join(build_dir, "compile_commands.json"), encoding="utf-8") as f:
        return {os.path.realpath(c["file"]): c.get("command") or " ".join(c["arguments"])
                for c in json.load(f)}


def file_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def common_key(clang_tidy, source_dir):
    """What every file's result depends on besides the file itself and its command."""
    h = hashlib.sha256()
    version = subprocess.run([clang_tidy, "--version"], stdout=subprocess.PIPE, text=True,
                             check=False).stdout
    h.update(version.encode())
    h.update(file_bytes(os.path.join(source_dir, ".clang-tidy")))
    for root in ("src", "apps"):
        for folder, _, names in sorted(os.walk(os.path.join(source_dir, root))):
            for name in sorted(names):
                if name.endswith((".hpp", ".h")):
                    path = os.path.join(folder, name)
                    h.update(path.encode())
                    h.update(file_bytes(path))
    return h.hexdigest()


def file_key(common, command, path):
    h = hashlib.sha256(common.encode())
    h.update(command.encode())
    h.update(file_bytes(path))
    return h.hexdigest()


def run_one(clang_tidy, build_dir, path):
    # -Wno-unknown-warning-option: the compile commands carry GCC-only flags (-Wno-restrict).
    command = [clang_tidy, "--quiet", "-p", build_dir, "--extra-arg=-Wno-unknown-warning-option",
               path]
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          check=False)
    return path, done.returncode, done.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--source-dir",
                        default=os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
    parser.add_argument("--clang-tidy", default=os.environ.get("CLANG_TIDY", ""))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args()
    source_dir = os.path.realpath(args.source_dir)
    build_dir = os.path.realpath(args.build_dir)

    clang_tidy = find_clang_tidy(args.clang_tidy)
    if not clang_tidy:
        print("clang-tidy not found (Debian package clang-tidy; scripts/install-deps.sh installs "
              "it): skipped")
        return SKIP
    baseline_path = os.path.join(source_dir, ".clang-tidy-function-size-baseline")
    baseline = read_baseline(baseline_path)
    allowed = {entry for entry, _ in baseline}

    commands = compile_commands(build_dir)
    files = sources(commands, source_dir)
    start = time.monotonic()
    cache_path = os.path.join(build_dir, "clang-tidy-cache.json")
    cache = {}
    if not args.no_cache and os.path.exists(cache_path):
        with open(cache_path, encoding="utf-8") as f:
            cache = json.load(f)
    common = common_key(clang_tidy, source_dir)
    keys = {p: file_key(common, commands[p], p) for p in files}
    results = [(p, 0, cache[keys[p]]) for p in files if keys[p] in cache]
    todo = [p for p in files if keys[p] not in cache]
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results += list(pool.map(lambda p: run_one(clang_tidy, build_dir, p), todo))
    elapsed_s = time.monotonic() - start

    findings = {}  # (file, line, col, checks) -> match; a header's finding comes once per includer
    failed_runs = []
    new_cache = {}
    for path, status, output in results:
        seen = 0
        for line in output.splitlines():
            m = FINDING.match(line)
            if not m:
                continue
            seen += 1
            key = (m["file"], int(m["line"]), int(m["col"]), m["checks"] or "")
            findings.setdefault(key, m)
        if status != 0 and seen == 0:
            failed_runs.append((path, status, output.strip()))
        else:
            new_cache[keys[path]] = output
    with open(cache_path, "w", encoding="utf-8") as f:
        json.dump(new_cache, f)

    problems = []
    over = set()  # entries matched by a finding
    for (file, line, col, checks), m in sorted(findings.items()):
        rel = os.path.relpath(os.path.realpath(file), source_dir)
        held = {f"{rel}:[{c}]" for c in checks.split(",") if not c.startswith("-")}
        if held & allowed:
            over |= held & allowed
            continue
        size = SIZE_MESSAGE.search(m["message"]) if SIZE_CHECK in checks else None
        if size:
            entry = f"{rel}:{size['name']}"
            over.add(entry)
            if entry in allowed:
                continue
            problems.append(f"{rel}:{line}:{col}: function '{size['name']}' is over 80 lines: "
                            f"split it into small named functions [{SIZE_CHECK}]")
            continue
        problems.append(f"{rel}:{line}:{col}: {m['kind']}: {m['message']} [{checks}]")
    for entry, number in baseline:
        if entry not in over:
            problems.append(f".clang-tidy-function-size-baseline:{number}: '{entry}' no longer "
                            "matches a finding (the function is no longer over 80 lines, or "
                            "the finding is fixed): remove it from the baseline")
    for path, status, output in failed_runs:
        problems.append(f"{os.path.relpath(path, source_dir)}: clang-tidy exited {status}:\n"
                        f"{output}")

    print(f"clang-tidy ({clang_tidy}): {len(files)} files ({len(todo)} analysed, the others "
          f"unchanged since the cached run), {args.jobs} jobs, {elapsed_s:.0f} s; "
          f"{len(over & allowed)} baseline entries still matched")
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problems")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
