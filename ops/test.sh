#!/usr/bin/env bash
# Runs every EasyQuant test: unit tests and the slow system tests (daemon processes, CSV runs, the admin page in
# headless Chromium).
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

# The admin page's browser test drives Debian's Chromium through chromedriver. Install both when missing (as root,
# quietly); with -Pfast the slow tests, that one included, do not run, so nothing is installed.
if [[ " $* " != *" -Pfast "* ]] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "ops/test.sh: the browser test needs chromium and chromium-driver; install them as root:" >&2
        echo "  apt-get update && apt-get install -y chromium chromium-driver" >&2
        exit 2
    fi
    echo "ops/test.sh: installing chromium and chromium-driver for the admin page's browser test" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# The metrics and alert-rule tests run Prometheus's promtool (Debian's prometheus package); install it when missing.
if ! command -v promtool >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "ops/test.sh: the monitoring tests need promtool; install it as root:" >&2
        echo "  apt-get update && apt-get install -y --no-install-recommends prometheus" >&2
        exit 2
    fi
    echo "ops/test.sh: installing prometheus (for promtool) for the metrics and alert-rule tests" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi

exec mvn -B -ntp verify "$@"
