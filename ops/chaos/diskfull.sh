#!/usr/bin/env bash
# Disk-full chaos: a paper session whose disk fills up, then a restart after the space is freed, N times, then checked.
#   ops/chaos/diskfull.sh [N]       N fill-and-free rounds (default 2)
# The data directory is on a small tmpfs (or, with EASYQUANT_CHAOS_FS=ext4, a loop-mounted ext4 image) mounted for the
# run (needs root; otherwise it prints `diskfull: SKIP ...` and exits 0). Each round starts `easyquant run` (config/paper.yaml with a faster feed, the
# admin server on a free port, no Postgres sink, the low-disk threshold at 16 MB), releases the kill-switch through
# the admin API (a previous round left it engaged), waits for orders, fills the disk with a filler file, and checks:
# the low-disk rule engaged the kill-switch, market data was dropped and counted, SIGTERM drained with exit 0 and the
# dropped market data was journaled as one record; then it frees the space. A last run stops cleanly after 3 s, and
# `easyquant chaos-check` checks the invariants over every session (no client order id twice at the venue, no fill
# applied twice, no journaled order lost, every recovered state equal to a full replay's, the replay identical).
# Prints `diskfull: PASS rounds=N dropped=...` and the chaos-check line; exits 0 (pass) or 1 (fail), 2 for usage or a
# config/paper.yaml whose edits the script cannot make. Environment: EASYQUANT_CHAOS_KEEP=1 keeps the directory (the
# file system is unmounted; its data directory is copied out first), EASYQUANT_CHAOS_DISK_MB sets the file system's size
# (default 96), EASYQUANT_CHAOS_FS=tmpfs|ext4 its kind (tmpfs: a fault in a mapped write crashes the JVM; ext4: an
# InternalError).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-2}"
if ! [[ "$rounds" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: ops/chaos/diskfull.sh [N]" >&2
    exit 2
fi
if [ "$(id -u)" != 0 ]; then
    echo "diskfull: SKIP: mounting the small tmpfs to fill needs root"
    exit 0
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/easyquant-diskfull.XXXXXX")"
disk="$work/disk"
mkdir -p "$disk"
size_mb="${EASYQUANT_CHAOS_DISK_MB:-96}"
case "${EASYQUANT_CHAOS_FS:-tmpfs}" in
    tmpfs) mount_disk() { mount -t tmpfs -o "size=${size_mb}m" tmpfs "$disk"; } ;;
    ext4) mount_disk() {
        truncate -s "${size_mb}M" "$work/disk.img" && mkfs.ext4 -q -F "$work/disk.img" &&
            mount -o loop "$work/disk.img" "$disk"
    } ;;
    *) echo "diskfull: EASYQUANT_CHAOS_FS: expected tmpfs or ext4, got '${EASYQUANT_CHAOS_FS}'" >&2; exit 2 ;;
esac
if ! mount_disk; then
    echo "diskfull: FAIL could not mount a ${EASYQUANT_CHAOS_FS:-tmpfs} file system on $disk" >&2
    rm -rf "$work"
    exit 1
fi
pid=""
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    if [ "${EASYQUANT_CHAOS_KEEP:-0}" = 1 ]; then
        cp -a "$disk/data" "$work/data" 2>/dev/null || true
    fi
    umount "$disk" 2>/dev/null || umount -l "$disk" 2>/dev/null || true
    if [ "${EASYQUANT_CHAOS_KEEP:-0}" = 1 ]; then
        echo "diskfull: data kept in $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

data="$disk/data"
config="$work/diskfull.yaml"
sed -e "s|dataDir: ../data/paper|dataDir: $data|" \
    -e "s|ratePerSecond: 3000|ratePerSecond: 5000|" \
    -e "s|maxMessagesPerWindow: 20 |maxMessagesPerWindow: 400 |" \
    -e "s|maxMessagesPerWindow: 50 |maxMessagesPerWindow: 1000 |" \
    -e "s|maxFills: 200 |maxFills: 5000 |" \
    -e "s|maxConsecutiveLosses: 500 |maxConsecutiveLosses: 100000 |" \
    -e "s|minFreeDiskMb: 512 |minFreeDiskMb: 16 |" \
    -e "s|fastPeriod: 20|fastPeriod: 5|" \
    -e "s|slowPeriod: 80|slowPeriod: 20|" \
    -e "s|statusIntervalSeconds: 5|statusIntervalSeconds: 1|" \
    -e "s|port: 8080|port: 0|" \
    "$root/config/paper.yaml" \
  | awk '/^sink:/ {section="sink"} /^[a-z]/ && !/^sink:/ {section=""}
         (section=="sink" && /^    enabled: true/) {sub(/enabled: true/, "enabled: false")}
         {print}' > "$config"
for expected in "dataDir: $data" "ratePerSecond: 5000" "minFreeDiskMb: 16 " "maxMessagesPerWindow: 400 " \
    "maxMessagesPerWindow: 1000 " "maxFills: 5000 " "maxConsecutiveLosses: 100000 " "port: 0"; do
    grep -qF -- "$expected" "$config" || { echo "diskfull: config/paper.yaml changed: '$expected' not set" >&2; exit 2; }
done
if [ "$(grep -cE '^ *enabled: true' "$config")" != 1 ]; then
    echo "diskfull: config/paper.yaml changed: expected the admin server alone enabled" >&2
    exit 2
fi

secret="diskfull-operator-$$-$RANDOM"
export EASYQUANT_ADMIN_TOKENS="chaos:operator:$secret"
easyquant="$root/ops/easyquant"
"$easyquant" version > /dev/null

# Wait (bounded, 60 s) for a pattern in a log while the process lives.
await() {
    local pattern="$1" log="$2"
    for ((i = 0; i < 1200; i++)); do
        if grep -qE -- "$pattern" "$log" 2>/dev/null; then
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            return 1
        fi
        sleep 0.05
    done
    return 1
}

# The orders count of the last status line.
orders() {
    grep -oE 'status events=[0-9]+ orders=[0-9]+' "$1" | tail -1 | sed 's/.*orders=//' | grep -E '^[0-9]+$' || echo 0
}

fail() {
    echo "diskfull: FAIL round=$round $1; its log:" >&2
    cat "$2" >&2
    exit 1
}

dropped=0
for ((round = 1; round <= rounds; round++)); do
    log="$work/run-$round.log"
    "$easyquant" run --config "$config" > "$log" 2>&1 &
    pid=$!
    await " running: " "$log" || fail "did not come up" "$log"
    url="$(grep -oE 'admin server on http://127\.0\.0\.1:[0-9]+' "$log" | head -1 | cut -d' ' -f4)"
    if [ "$round" -gt 1 ]; then
        EASYQUANT_ADMIN_TOKEN="$secret" "$easyquant" kill --release --reason "disk space freed" --url "$url" \
            > "$work/release-$round.log" 2>&1 || fail "could not release the kill-switch" "$work/release-$round.log"
    fi
    await "state=ACTIVE" "$log" || fail "never traded" "$log"
    # Orders sent in this session: the status line's count (recovered ones included) must grow.
    before="$(orders "$log")"
    for ((i = 0; i < 600; i++)); do
        [ "$(orders "$log")" -gt "$before" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    [ "$(orders "$log")" -gt "$before" ] || fail "sent no order" "$log"
    dd if=/dev/zero of="$disk/filler" bs=1M > /dev/null 2>&1 || true
    await "kill-switch engaged; market data is dropped" "$log" || fail "the low-disk rule did not engage" "$log"
    await "state=HALTED dropped=[1-9]" "$log" || fail "no market data dropped" "$log"
    kill -TERM "$pid"
    set +e
    wait "$pid"
    status=$?
    set -e
    pid=""
    [ "$status" = 0 ] || fail "SIGTERM on a full disk exited $status" "$log"
    grep -q "market data dropped while the disk was low" "$log" || fail "no record of the dropped market data" "$log"
    if grep -qE "InternalError|SIGSEGV|SIGBUS|A fatal error" "$log"; then
        fail "the JVM faulted" "$log"
    fi
    n="$(sed -nE 's/^  market_data_dropped +([0-9]+)$/\1/p' "$log")"
    dropped=$((dropped + ${n:-0}))
    rm -f "$disk/filler"
done

log="$work/run-final.log"
"$easyquant" run --config "$config" --duration 3s > "$log" 2>&1 || fail "the final clean run failed" "$log"
records="$("$easyquant" journal dump --journal "$data/journal" --type market_data_dropped 2>/dev/null | grep -c MARKET_DATA_DROPPED || true)"
if [ "$records" != "$rounds" ]; then
    echo "diskfull: FAIL $records MARKET_DATA_DROPPED records for $rounds rounds" >&2
    exit 1
fi
verify="$("$easyquant" replay --journal "$data/journal" --verify 2>&1)" || {
    echo "diskfull: FAIL replay --verify: $verify" >&2
    exit 1
}
echo "diskfull: PASS rounds=$rounds dropped=$dropped drop_records=$records sessions=$((rounds + 1)) replay=identical"
set +e
"$easyquant" chaos-check --data "$data" --kills 0
status=$?
set -e
exit "$status"
