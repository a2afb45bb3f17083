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
  libcairo2-dev                                # report.pdf and key images, drawn headless
  poppler-utils                                # pdfinfo/pdftotext/pdftoppm: report.pdf tests and checks
  libssl-dev                                   # HMAC-SHA-256 for the --anonymize pseudonym
  dcm2niix                                     # reference converter for the load benchmark
  libcsv-dev                                   # batch manifests (RFC 4180 CSV)
  slurm-wlm munge                              # batch: the Slurm job-array test runs a real slurmctld/slurmd
  qt6-base-dev libqt6opengl6-dev               # viewer and plugin GUI (Qt6OpenGL for OpenGLWidgets)
  libvtk9-dev                                  # viewer slice and 3-D rendering (no Qt 5 modules used)
  xvfb xauth libgl1-mesa-dri                   # gui tests and viewer bench under xvfb-run
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
