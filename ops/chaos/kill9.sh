#!/usr/bin/env bash
# kill -9 chaos: a paper session SIGKILLed at random moments, restarted each time, then checked.
#   ops/chaos/kill9.sh [N]          N kills (default 20)
# Each round starts `easyquant run` on one data directory (a temporary one; config/paper.yaml with a faster feed and
# without the admin server and the Postgres sink), waits until it is up, sleeps a random 0.5-3 s and kills it with
# SIGKILL. Then one last run stops cleanly after a few seconds, and `easyquant chaos-check` checks the invariants:
# no client order id twice at the venue, no fill applied twice, no journaled order lost, every recovered state equal
# to a full replay's (and the replay identical but for outputs lost in the crashes). Prints one line,
#   kill9: PASS kills=N orders=.. fills=.. duplicates=0 lost=0 mismatches=0 ...
# and exits 0 (pass) or 1 (fail). Environment: EASYQUANT_CHAOS_KEEP=1 keeps the data directory; EASYQUANT_CHAOS_SEED
# seeds the random sleeps (bash RANDOM); EASYQUANT_CHAOS_LAYOUT sets pipeline.layout (e.g. thread-per-stage, where
# inputs and decisions are journaled by different threads, so a kill more often leaves an input without its orders).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
kills="${1:-20}"
if ! [[ "$kills" =~ ^[0-9]+$ ]]; then
    echo "usage: ops/chaos/kill9.sh [N]" >&2
    exit 2
fi
RANDOM="${EASYQUANT_CHAOS_SEED:-$$}"
work="$(mktemp -d "${TMPDIR:-/tmp}/easyquant-kill9.XXXXXX")"
pid=""
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    if [ "${EASYQUANT_CHAOS_KEEP:-0}" = 1 ]; then
        echo "kill9: data kept in $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

data="$work/data"
config="$work/chaos.yaml"
# shellcheck source=ops/chaos/chaos-config.sh
. "$root/ops/chaos/chaos-config.sh"
chaos_config "$root" "$data" "$config" kill9

# The launcher execs the JVM, so the PID of a background launcher is the engine's own.
easyquant="$root/ops/easyquant"

# The launcher builds on first use; do it before the clock matters.
"$easyquant" version > /dev/null

for ((round = 1; round <= kills; round++)); do
    log="$work/run-$round.log"
    "$easyquant" run --config "$config" > "$log" 2>&1 &
    pid=$!
    up=0
    for ((i = 0; i < 600; i++)); do
        if grep -q " running: " "$log" 2>/dev/null; then
            up=1
            break
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            break
        fi
        sleep 0.05
    done
    if [ "$up" != 1 ]; then
        echo "kill9: FAIL kills=$((round - 1)) run $round did not come up; its log:" >&2
        cat "$log" >&2
        exit 1
    fi
    sleep "$((RANDOM % 26 + 5))e-1"
    kill -9 "$pid"
    wait "$pid" 2>/dev/null || true
    pid=""
done

log="$work/run-final.log"
if ! "$easyquant" run --config "$config" --duration 3s > "$log" 2>&1; then
    echo "kill9: FAIL kills=$kills the final clean run failed; its log:" >&2
    cat "$log" >&2
    exit 1
fi

set +e
"$easyquant" chaos-check --data "$data" --kills "$kills"
status=$?
set -e
exit "$status"
