#!/usr/bin/env bash
# Installs the Debian packages Iliometry needs. Idempotent: quiet and fast when all are there.
# The list is deliberate; docs/dependencies.md says why each package is here.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang-format git
  libinsighttoolkit5-dev libfftw3-dev          # ITK (its config enables FFTW)
  libdcmtk-dev dcmtk                           # DICOM reading/writing, SR, storescu
  libgdcm-dev libgdcm-tools                    # JPEG 2000 decoding (OpenJPEG) only
  nlohmann-json3-dev libcli11-dev              # JSON, command-line parsing
  libgtest-dev libgmock-dev libbenchmark-dev   # tests and benchmarks
  zlib1g-dev                                   # gzip for .nii.gz
  dicom3tools                                  # dciodvfy, the independent validator
  dcm2niix                                     # reference converter for the load benchmark
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
