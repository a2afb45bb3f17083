#!/usr/bin/env bash
# The main job on the embedded default study: builds, generates a phantom CT study (real DICOM
# files written through DCMTK) and measures it. Results land in out/measure/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
rm -rf out/phantom
./build/cli/iliometry phantom --out out/phantom --psoas-ratio 1.25
./build/cli/iliometry info out/phantom/dicom
./build/cli/iliometry measure out/phantom/dicom -o out/measure
echo "outputs in $(pwd)/out/measure:"
ls -l out/measure
