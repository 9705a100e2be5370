#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the bench targets in build/release (configuring it with the release preset if needed)
# and runs every bench with 5 repetitions, aggregates only; prints the medians at the end.
# Extra arguments are passed to every bench (e.g. --benchmark_filter=Split).
# bench_pit (one solve per repetition, 16M blocks ~15-30 s) runs PIT_REPS repetitions
# (default 3).
# Usage: bench/run.sh [benchmark args...]     Env: JOBS (build parallelism, default 2)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
build="$root/build/release"
jobs="${JOBS:-2}"

if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake --preset release
fi

targets=()
for src in "$root"/bench/bench_*.cpp; do
  targets+=("$(basename "$src" .cpp)")
done
cmake --build "$build" -j"$jobs" --target "${targets[@]}"

echo "== host: nproc=$(nproc); $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n1); $(date -u '+%Y-%m-%dT%H:%M:%SZ'); load:$(cut -d' ' -f1-3 /proc/loadavg)"

summary=""
for t in "${targets[@]}"; do
  exe="$build/bench/$t"
  json="$build/bench/$t.json"
  echo "== $t"
  reps=5
  [[ "$t" == bench_pit ]] && reps="${PIT_REPS:-3}"
  "$exe" --benchmark_repetitions="$reps" --benchmark_report_aggregates_only=true \
         --benchmark_out="$json" --benchmark_out_format=json "$@" | tee "$build/bench/$t.txt"
  summary+="$(grep -E '_median' "$build/bench/$t.txt" || true)"$'\n'
done

echo
echo "== medians (5 repetitions, bench_pit ${PIT_REPS:-3}; JSON in $build/bench/bench_*.json)"
printf '%s' "$summary"

# GEOS / ours from the medians (real time), against the anchors of this machine kind.
if command -v python3 >/dev/null 2>&1; then
  echo
  echo "== targets and ratios (medians, real time)"
  python3 - "$build"/bench/bench_*.json <<'PY'
import json, sys
runs = [r for f in sys.argv[1:] for r in json.load(open(f))["benchmarks"]]
scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}
med = {r["run_name"].split("/")[0]: r["real_time"] * scale[r["time_unit"]]
       for r in runs if r.get("aggregate_name") == "median"}
geos = med.get("BM_GeosBaseline_PerBlock")
for ours in ("BM_SplitExact", "BM_SplitExact_WarmHeap"):
    if ours in med:
        t = med[ours]
        line = f"{ours}: {t:.2f} ms (target <= 20 ms: {'met' if t <= 20 else 'MISSED'})"
        if geos:
            line += f"; GEOS measured {geos:.0f} ms / ours = {geos / t:.0f}x"
        line += f"; anchors 1140 ms / ours = {1140 / t:.0f}x, 460 ms / ours = {460 / t:.0f}x"
        print(line)
for demo in ("BM_Demo", "BM_DemoThreads1"):
    if demo in med:
        t = med[demo] / 1e3
        print(f"{demo}: {t:.2f} s (target <= 10 s: {'met' if t <= 10 else 'MISSED'})")
# Pit: run names are "BM_Pit/1M/iterations:1/real_time"; MineFlow anchors (one thread).
# (a single run, as with PIT_REPS=1, has no median: its one result is used)
pit = {}
for r in runs:
    if r["run_name"].startswith("BM_Pit") and r.get("aggregate_name", "median") == "median":
        name = r["run_name"].split("/iterations")[0]
        if name not in pit or r.get("aggregate_name") == "median":
            pit[name] = r
for name, anchor in (("BM_Pit/1M", 1.1), ("BM_Pit/4M", 6.1), ("BM_Pit/16M", 30.0)):
    if name in pit:
        r = pit[name]
        t = r["real_time"] * scale[r["time_unit"]] / 1e3
        ratio = t / anchor
        line = (f"{name}: {t:.2f} s = {ratio:.2f}x MineFlow {anchor} s "
                f"(target <= 0.7x: {'met' if ratio <= 0.7 else 'MISSED'})")
        if name == "BM_Pit/16M":
            mb = r.get("peak_rss_MB", 0)
            line += f"; peak {mb / 1024:.2f} GiB (target <= 3 GB: {'met' if mb * 2**20 <= 3e9 else 'MISSED'})"
        print(line)
PY
fi
