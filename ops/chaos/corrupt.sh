#!/usr/bin/env bash
# Corruption chaos: a recorded paper session, copied once per round, one random byte of its journal or venue log
# flipped from outside, then given to `easyquant run`.
#   ops/chaos/corrupt.sh [N]        N rounds (default 10)
# Each round must end one of two ways: `run` refuses with exit 2 and names the damage (then `journal repair` cuts the
# journal there, a run after it trades, and no client order id ever reaches the venue twice), or the flipped byte was
# one no reader depends on (padding, an unused part of the file), and then `run` trades and `chaos-check` passes.
# Anything else fails: a crash, another exit code, or a run that accepts damage and breaks an invariant. Prints one
# line,
#   corrupt: PASS rounds=N refused=.. repaired=.. harmless=..
# and exits 0 (pass) or 1 (fail). Environment: EASYQUANT_CHAOS_KEEP=1 keeps the data; EASYQUANT_CHAOS_SEED seeds the
# choice of file and byte.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-10}"
if ! [[ "$rounds" =~ ^[0-9]+$ ]]; then
    echo "usage: ops/chaos/corrupt.sh [N]" >&2
    exit 2
fi
seed="${EASYQUANT_CHAOS_SEED:-$$}"
work="$(mktemp -d "${TMPDIR:-/tmp}/easyquant-corrupt.XXXXXX")"
cleanup() {
    if [ "${EASYQUANT_CHAOS_KEEP:-0}" = 1 ]; then
        echo "corrupt: data kept in $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

# The configuration names its data directory relative to itself, so every copy has the same text (the journal's header
# holds its digest).
mkdir -p "$work/base"
# shellcheck source=ops/chaos/chaos-config.sh
. "$root/ops/chaos/chaos-config.sh"
chaos_config "$root" "data" "$work/base/chaos.yaml" corrupt

easyquant="$root/ops/easyquant"
"$easyquant" version > /dev/null

fail() {
    echo "corrupt: FAIL round=$1 seed=$seed $2; its logs:" >&2
    cat "$work/r$1"/*.log >&2 || true
    exit 1
}

if ! "$easyquant" run --config "$work/base/chaos.yaml" --duration 4s > "$work/base/run.log" 2>&1; then
    cat "$work/base/run.log" >&2
    echo "corrupt: FAIL the recorded session did not run" >&2
    exit 1
fi

no_id_twice_at_venue() {
    local orders twice
    orders="$("$easyquant" journal dump --journal "$1/data/venue" --type order)" || return 1
    twice="$(printf '%s\n' "$orders" | grep -o 'clOrdId=[0-9]*' | sort | uniq -d)"
    [ -z "$twice" ]
}

refused=0
repaired=0
harmless=0
for ((round = 1; round <= rounds; round++)); do
    copy="$work/r$round"
    cp -a "$work/base" "$copy"
    rm -f "$copy"/*.log
    target="journal"
    if (( (seed + round) % 3 == 0 )); then
        target="venue"
    fi
    where="$(python3 - "$copy/data/$target" "$((seed * 7919 + round))" <<'PY'
import os, random, sys
directory, seed = sys.argv[1], int(sys.argv[2])
path = os.path.join(directory, sorted(f for f in os.listdir(directory) if f.endswith(".cq4"))[0])
with open(path, "r+b") as f:
    data = f.read()
    end = len(data.rstrip(b"\0"))
    position = random.Random(seed).randrange(0, end)
    f.seek(position)
    f.write(bytes([data[position] ^ (1 << random.Random(seed + 1).randrange(8))]))
print(f"{path}@{position}")
PY
)"
    set +e
    "$easyquant" run --config "$copy/chaos.yaml" --duration 2s > "$copy/run.log" 2>&1
    status=$?
    set -e
    if [ "$status" = 2 ]; then
        grep -qE "damaged journal|decided otherwise|journal header is damaged|cannot read the journal|cannot open" \
            "$copy/run.log" || fail "$round" "exit 2 without naming damage ($where)"
        refused=$((refused + 1))
        index="$(grep -o -- '--truncate-at [0-9]*' "$copy/run.log" | head -n 1 | cut -d' ' -f2 || true)"
        damaged_dir="$(grep -o 'error: refusing to trade: [^:]*: damaged journal' "$copy/run.log" | head -n 1 \
            | sed -e 's/.*trade: //' -e 's/: damaged journal$//' || true)"
        if [ -n "$index" ] && [ -n "$damaged_dir" ]; then
            "$easyquant" journal repair --journal "$damaged_dir" --truncate-at "$index" > "$copy/repair.log" 2>&1 \
                || fail "$round" "the repair at $index failed ($where)"
            "$easyquant" run --config "$copy/chaos.yaml" --duration 2s > "$copy/after.log" 2>&1 \
                || fail "$round" "the run after the repair failed ($where)"
            "$easyquant" journal verify --journal "$copy/data/journal" > "$copy/verify.log" 2>&1 \
                || fail "$round" "the repaired journal does not verify ($where)"
            no_id_twice_at_venue "$copy" || fail "$round" "a client order id reached the venue twice ($where)"
            repaired=$((repaired + 1))
        fi
    elif [ "$status" = 0 ]; then
        "$easyquant" chaos-check --data "$copy/data" > "$copy/check.log" 2>&1 \
            || fail "$round" "run accepted the flipped byte and chaos-check failed ($where)"
        no_id_twice_at_venue "$copy" || fail "$round" "a client order id reached the venue twice ($where)"
        harmless=$((harmless + 1))
    else
        fail "$round" "run exited $status ($where)"
    fi
    [ "${EASYQUANT_CHAOS_KEEP:-0}" = 1 ] || rm -rf "$copy"
done
echo "corrupt: PASS rounds=$rounds seed=$seed refused=$refused repaired=$repaired harmless=$harmless"
