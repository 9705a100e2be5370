#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs lodeline's build and test dependencies from Debian 12 packages; apt-get only what is missing.
set -euo pipefail
pkgs=(build-essential cmake ninja-build pkg-config python3
      libgdal-dev gdal-bin libproj-dev proj-bin libgeos-dev libeigen3-dev libnanoflann-dev
      libtbb-dev libcli11-dev libfmt-dev nlohmann-json3-dev libtomlplusplus-dev
      libgtest-dev libgmock-dev libbenchmark-dev clang-tidy libssl-dev
      clang-14 libclang-rt-14-dev llvm-14)  # the asan-ubsan preset: clang, sanitizers, libFuzzer, symbolizer
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all packages present"
fi
