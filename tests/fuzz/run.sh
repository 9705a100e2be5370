#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A longer fuzzing campaign over the targets of tests/fuzz (docs/fuzzing.md):
#
#   tests/fuzz/run.sh --minutes M [--jobs N] [--build DIR] [TARGET...]
#
# Each target runs M minutes (M is per target, not split), N at a time (default: nproc), on a
# campaign corpus under DIR/tests/fuzz/campaign/<target> seeded from tests/fuzz/corpus (the
# checked-in corpus is not modified; the campaign corpus grows from one campaign to the next).
# A target that fails is restarted for the rest of its time; every failing input is kept in
# DIR/tests/fuzz/campaign/<target>/artifacts. Prints the executions per target and the findings;
# exits 1 when there are findings. DIR defaults to build/asan-ubsan.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
minutes="" jobs=$(nproc) build="$root/build/asan-ubsan" targets=()
while (($#)); do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    -h|--help) sed -n '3,13p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[[ -n "$minutes" ]] || { echo "run.sh: --minutes M is required" >&2; exit 2; }
if ((${#targets[@]} == 0)); then
  for f in "$here"/targets/*.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi
dict_of() {  # the -dict= the CMakeLists gives a target, if any
  sed -n "s/^lodeline_add_fuzz($1 DICT \([^ ]*\) .*/\1/p" "$here/CMakeLists.txt"
}

# campaign TARGET: fuzzes TARGET for the whole budget, restarting after each finding (at most 20).
campaign() {
  local t=$1 exe="$build/tests/fuzz/fuzz_$1" work="$build/tests/fuzz/campaign/$1"
  local seconds=$((minutes * 60)) started=$SECONDS runs=0 left dict
  rm -rf "$work/artifacts" "$work"/log.*
  mkdir -p "$work/corpus" "$work/artifacts"
  cp -n "$here/corpus/$t"/* "$work/corpus/" 2>/dev/null || true
  dict=$(dict_of "$t")
  local flags=(-timeout=1 -rss_limit_mb=2048 -print_final_stats=1
               -artifact_prefix="$work/artifacts/")
  [[ -n "$dict" ]] && flags+=(-dict="$here/dict/$dict")
  for ((try = 0; try < 20; ++try)); do
    left=$((seconds - (SECONDS - started)))
    ((left > 0)) || break
    "$exe" "${flags[@]}" -max_total_time="$left" "$work/corpus" >"$work/log.$try" 2>&1 || true
    runs=$((runs + $(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log.$try" | tail -1)))
  done
  echo "$t $runs"
}

[[ -x "$build/tests/fuzz/fuzz_${targets[0]}" ]] ||
  { echo "run.sh: no fuzz targets in $build: cmake --preset asan-ubsan && cmake --build $build" >&2; exit 2; }
echo "fuzzing ${#targets[@]} targets, $minutes min each, $jobs at a time ($(date -u +%FT%TZ))"
export -f campaign dict_of
export minutes build here
results=$(printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'campaign {}')
printf '%-20s %12s\n' target executions
sort <<<"$results" | while read -r t n; do printf '%-20s %12s\n' "$t" "$n"; done
findings=$(find "$build/tests/fuzz/campaign" -path '*/artifacts/*' -type f | sort)
if [[ -n "$findings" ]]; then
  echo "findings:"
  echo "$findings"
  exit 1
fi
echo "no findings"
