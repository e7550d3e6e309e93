#!/usr/bin/env bash
# Runs every EasyQuant test: unit tests and the slow system tests (daemon processes, CSV runs).
#   ops/test.sh              all tests
#   ops/test.sh -Pfast       skip tests tagged "slow"
#   ops/test.sh -pl engine   one module (Maven options pass through)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

need() {
    command -v "$1" >/dev/null 2>&1 || { echo "ops/test.sh: '$1' is required but not installed ($2)" >&2; exit 2; }
}
need java "a JDK 17 or newer"
need mvn "Apache Maven 3.8 or newer"

exec mvn -B -ntp verify "$@"
