#!/usr/bin/env bash
# Shared by the chaos rounds (kill9.sh, corrupt.sh): the paper configuration made fast and self-contained.
#   chaos_config ROOT DATA_DIR CONFIG_FILE NAME
# Writes CONFIG_FILE: config/paper.yaml with DATA_DIR as its data directory, a faster feed and shorter averages, with
# the message-rate, fill-throttle and losing-streak limits raised to match (many orders in a few seconds, still trading
# after them), no admin server and no Postgres sink; pipeline.layout from EASYQUANT_CHAOS_LAYOUT (default auto). Exits
# 2 when an edit does not take: a changed paper.yaml must fail here, not run a chaos session that tests less.
chaos_config() {
    local root="$1" data="$2" config="$3" name="$4"
    sed -e "s|dataDir: ../data/paper|dataDir: $data|" \
        -e "s|ratePerSecond: 3000|ratePerSecond: 20000|" \
        -e "s|maxMessagesPerWindow: 20 |maxMessagesPerWindow: 400 |" \
        -e "s|maxMessagesPerWindow: 50 |maxMessagesPerWindow: 1000 |" \
        -e "s|maxFills: 200 |maxFills: 5000 |" \
        -e "s|maxConsecutiveLosses: 500 |maxConsecutiveLosses: 100000 |" \
        -e "s|fastPeriod: 20|fastPeriod: 5|" \
        -e "s|slowPeriod: 80|slowPeriod: 20|" \
        -e "s|statusIntervalSeconds: 5|statusIntervalSeconds: 1|" \
        -e "s|layout: auto |layout: ${EASYQUANT_CHAOS_LAYOUT:-auto} |" \
        "$root/config/paper.yaml" \
      | awk '/^sink:/ {section="sink"} /^admin:/ {section="admin"} /^[a-z]/ && !/^(sink|admin):/ {section=""}
             (section=="sink" || section=="admin") && /^  (postgres:)?$/ {print; next}
             (section=="sink" && /^    enabled: true/) {sub(/enabled: true/, "enabled: false")}
             (section=="admin" && /^  enabled: true/) {sub(/enabled: true/, "enabled: false")}
             {print}' > "$config"
    local expected
    for expected in "dataDir: $data" "ratePerSecond: 20000" "fastPeriod: 5" "slowPeriod: 20" \
        "maxMessagesPerWindow: 400 " "maxMessagesPerWindow: 1000 " "maxFills: 5000 " "maxConsecutiveLosses: 100000 "; do
        grep -qF -- "$expected" "$config" || { echo "$name: config/paper.yaml changed: '$expected' not set" >&2; exit 2; }
    done
    if grep -qE '^ *enabled: true' "$config"; then
        echo "$name: config/paper.yaml changed: the sink or the admin server is still enabled" >&2
        exit 2
    fi
}
