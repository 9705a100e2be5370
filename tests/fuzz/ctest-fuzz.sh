#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# ctest-fuzz.sh FUZZER SEEDS WORK [libFuzzer flags...]: fuzzes on a fresh copy WORK of the
# checked-in corpus SEEDS (which libFuzzer would otherwise grow), crash files going to WORK.
set -eu
fuzzer=$1 seeds=$2 work=$3
shift 3
rm -rf "$work"
mkdir -p "$work/corpus" "$work/artifacts"
cp "$seeds"/* "$work/corpus/"
exec "$fuzzer" -artifact_prefix="$work/artifacts/" -print_final_stats=1 "$@" "$work/corpus"
