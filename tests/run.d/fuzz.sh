#!/usr/bin/env bash
# Fuzz targets: build them with cargo-fuzz (installed when missing) and run
# each once over its seeds and committed regression inputs. No fuzzing here,
# so the step is deterministic; `bash tests/fuzz SECONDS` fuzzes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bash "$root/tests/fuzz" 0
