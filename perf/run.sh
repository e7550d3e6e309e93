#!/usr/bin/env bash
# The EasyQuant performance suite: every benchmark beside its baseline, in one run, into one Markdown report.
#   perf/run.sh          the whole suite, about 5.5 minutes on 2 cores; writes perf/results/<date>.md
#   perf/run.sh --quick  the same parts, shortened to prove they still run (CI); under a minute; reuses
#                        perf/target/benchmarks.jar when it is newer than every source and POM (and holds the peer
#                        comparison where a JDK 21+ can run it), else builds it first; writes
#                        perf/target/results/quick-<date>.md (or $PERF_REPORT)
# Environment: JAVA_HOME (else java on PATH) runs the engine's benchmarks; PEER_JAVA_HOME (default
# /usr/lib/jvm/temurin-25-jdk-amd64) builds and runs the ta4j comparison, which needs Java 21 or newer (skipped,
# and said so on stderr and in the report, when there is none). Needs only what the project's own files install:
# a JDK 17+, Maven (the build resolves everything else), and for the peer a JDK 21+ under /usr/lib/jvm or
# PEER_JAVA_HOME. Numbers are timings, never pass/fail: the script fails only when a part cannot run or two sides of
# a comparison disagree on the result.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

quick=0
case "${1:-}" in
    --quick) quick=1 ;;
    "") ;;
    *) echo "usage: perf/run.sh [--quick]" >&2; exit 2 ;;
esac

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
peer_home="${PEER_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
peer_java=""
is_21_plus() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; }
if is_21_plus "$peer_home"; then
    peer_java="$peer_home/bin/java"
elif [ -z "${PEER_JAVA_HOME:-}" ]; then
    for candidate in /usr/lib/jvm/*; do
        if is_21_plus "$candidate"; then
            peer_home="$candidate"
            peer_java="$candidate/bin/java"
            break
        fi
    done
fi

stamp="$(date -u +%Y-%m-%d)"
if [ -n "${PERF_REPORT:-}" ]; then
    report="$PERF_REPORT"
elif [ "$quick" = 1 ]; then
    report="$root/perf/target/results/quick-$stamp.md"
else
    report="$root/perf/results/$stamp.md"
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/easyquant-perf.XXXXXX")"
trap 'rm -rf "$work"' EXIT
sections="$work/sections.md"
: > "$sections"
started=$(date +%s)

log() { echo "perf/run.sh: $(( $(date +%s) - started )) s: $*" >&2; }

# ---- build: the shaded jar (quick: the classes, unless the jar is current); on a JDK 21+ (the peer's) with ta4j
# The jdk24-plus profile is switched off so that the JVM option files stay valid for Java 17; the
# --sun-misc-unsafe-memory-access flag is added below for the runs on 24+.
jar="$root/perf/target/benchmarks.jar"
jar_is_current() { # the jar is newer than every POM and source, and holds the peer and ta4j where they can run
    [ -f "$jar" ] && [ -f "$root/perf/target/classes/perf-jvm.options" ] || return 1
    [ -z "$(find "$root/pom.xml" "$root"/*/pom.xml "$root"/*/src -newer "$jar" -type f 2>/dev/null | head -n 1)" ] \
        || return 1
    # Entry names are stored uncompressed in a jar, so grep finds them without unpacking anything.
    [ -z "$peer_java" ] || { LC_ALL=C grep -qaF 'io/easyquant/perf/peer/PeerComparison.class' "$jar" &&
        LC_ALL=C grep -qaF 'org/ta4j/core/BarSeriesManager.class' "$jar"; }
}
if [ -n "$peer_java" ]; then
    build_home="$peer_home"
else
    build_home="${JAVA_HOME:-}"
fi
build() { # build GOALS...: Maven over perf and the modules it needs, quietly, the log kept
    if ! (JAVA_HOME="$build_home" mvn -B -q "$@" -pl perf -am -P '!jdk24-plus' >> "$work/build.log" 2>&1); then
        tail -n 30 "$work/build.log" >&2
        exit 1
    fi
}
if [ "$quick" = 1 ] && jar_is_current; then
    log "perf/target/benchmarks.jar is up to date: not building"
    classpath="$jar"
elif [ "$quick" = 1 ]; then
    # Compiling is enough to prove the parts run: no module jars, no 70 MB shaded jar. The classes directories and
    # the dependencies' jars, as Maven resolves them for perf (the last module of the reactor, so its list is kept).
    log "compiling, not packaging (log in $work/build.log)"
    build compile dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/classpath"
    classpath="$root/perf/target/classes:$(cat "$work/classpath")"
else
    log "building (log in $work/build.log)"
    build package -DskipTests
    classpath="$jar"
fi
read -r -a base_flags < "$root/perf/target/classes/perf-jvm.options"

flags_for() { # the JVM flags for a java binary: the project's list, plus the one JDK 24+ needs
    local major
    major=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${major%%.*}" -ge 24 ]; then
        echo "${base_flags[*]} --sun-misc-unsafe-memory-access=allow"
    else
        echo "${base_flags[*]}"
    fi
}
main_flags="$(flags_for "$java_bin")"
harness() { # harness COMMAND [ARGS...]: one part of the end-to-end harness on the main JVM
    local extra=()
    [ "$quick" = 1 ] && extra+=(--quick)
    # shellcheck disable=SC2086
    "$java_bin" $main_flags -Xms2g -Xmx2g -Deasyquant.log.level=WARN -cp "$classpath" \
        io.easyquant.perf.harness.PerfHarness "$@" --out "${part_out:-$sections}" --work "$work/scratch" "${extra[@]}"
}

# ---- the peer: ta4j, on Java 21+ ----------------------------------------------------------------------------------
peer_part() { # peer_part OUT: the section into OUT
    local part_out="$1"
    if [ -n "$peer_java" ]; then
        log "bar backtest beside ta4j and the array loop ($peer_java)"
        local peer_args=(--out "$part_out")
        [ "$quick" = 1 ] && peer_args+=(--quick)
        # shellcheck disable=SC2046
        "$peer_java" $(flags_for "$peer_java") -Xms2g -Xmx2g -Deasyquant.log.level=WARN -cp "$classpath" \
            io.easyquant.perf.peer.PeerComparison "${peer_args[@]}"
    else
        log "bar backtest beside ta4j: skipped, no JDK 21 or newer at $peer_home or under /usr/lib/jvm" \
            "(set PEER_JAVA_HOME)"
        printf '### Bar backtest beside its peer (ta4j)\n\nNot run: no JDK 21 or newer at %s or under %s (%s).\n\n' \
            "$peer_home" /usr/lib/jvm 'set PEER_JAVA_HOME' >> "$part_out"
    fi
}

# ---- a steady paper run with GC logging ---------------------------------------------------------------------------
# The data directory in the scratch directory; the admin server on a free port (8080 may be taken on a shared host).
# Quick: 2 s, and without the Postgres sink, whose embedded server would first run initdb in the fresh data directory
# (seconds of CPU that prove nothing about the run; the sink has its own tests and SinkBenchmark).
if [ "$quick" = 1 ]; then seconds=2; warmup=1; sink=false; else seconds=60; warmup=15; sink=true; fi
paper_part() { # paper_part OUT: the section into OUT
    local part_out="$1"
    log "steady paper run, ${seconds} s, GC log"
    sed -e "s|^\(  dataDir:\).*|\1 $work/paper-data|" -e "s|^\(  port:\) 8080|\1 0|" \
        -e "/^sink:/,/^admin:/ s|^\(    enabled:\) true|\1 $sink|" config/paper.yaml > "$work/paper.yaml"
    # shellcheck disable=SC2086
    "$java_bin" $main_flags -Xms1g -Xmx1g "-Xlog:gc:file=$work/gc.log:uptime" -cp "$classpath" \
        io.easyquant.ops.Main run --config "$work/paper.yaml" --duration "${seconds}s" > "$work/paper.log" 2>&1 \
        || { tail -n 30 "$work/paper.log" >&2; exit 1; }
    {
        echo "### Steady paper run: GC"
        echo
        echo "\`easyquant run --config config/paper.yaml --duration ${seconds}s\` (synthetic feed at 3,000" \
            "events/s over three instruments, EMA crossover, paper venue, journal on, Postgres sink" \
            "$([ "$sink" = true ] && echo 'on its embedded server' || echo off); data" \
            "directory moved to a scratch directory, admin server on a free port)" \
            "with \`-Xms1g -Xmx1g -Xlog:gc\`, G1 (the JVM's default). Warm-up: the first ${warmup} s of JVM uptime." \
            "At the end of the run: $(grep -E '^\s+events_in\s' "$work/paper.log" | awk '{print $2}') events in," \
            "$(grep -E '^\s+orders_sent\s' "$work/paper.log" | awk '{print $2}') orders sent."
        echo
    } >> "$part_out"
    harness gc-log --log "$work/gc.log" --warmup "$warmup"
}

# In the quick run the peer and the paper run go alongside JMH and the harness (their numbers mean nothing there, and
# on a busy host three processes get through sooner than one after another); each writes its own section file.
if [ "$quick" = 1 ]; then
    peer_part "$work/peer.md" > "$work/peer.log" 2>&1 &
    peer_pid=$!
    paper_part "$work/paper.md" > "$work/paper-part.log" 2>&1 &
    paper_pid=$!
fi

# ---- JMH micro-benchmarks, with -prof gc ------------------------------------------------------------------------
if [ "$quick" = 1 ]; then
    # In-process (no fork) and one short iteration each: proves every benchmark runs, measures nothing.
    jmh_opts=(-f 0 -wi 0 -i 1 -r 50ms)
else
    jmh_opts=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
fi
log "JMH (${jmh_opts[*]})"
# shellcheck disable=SC2086
"$java_bin" $main_flags -cp "$classpath" org.openjdk.jmh.Main "${jmh_opts[@]}" -prof gc -rf json -rff "$work/jmh.json" \
    -jvmArgsAppend "$main_flags -Xms1g -Xmx1g" > "$work/jmh.log" 2>&1 || { tail -n 30 "$work/jmh.log" >&2; exit 1; }
{
    echo "### JMH micro-benchmarks"
    echo
    echo "\`java -jar perf/target/benchmarks.jar ${jmh_opts[*]} -prof gc\`$([ "$quick" = 1 ] && echo ', in process' ||
        echo ', forks with a fixed 1 GB heap'). Average time per" \
        "operation, except the journal appends (sample time: p50 and p99). \`alloc B/op\` is" \
        "\`gc.alloc.rate.norm\` from \`-prof gc\`."
    echo
} >> "$sections"

# ---- end-to-end harness -----------------------------------------------------------------------------------------
if [ "$quick" = 1 ]; then
    # One JVM for the JMH summary and the three harness parts: quick numbers mean nothing, start-ups cost seconds.
    log "JMH summary; pipeline; journal append beside a bare Chronicle appender; replay and backtest (one JVM)"
    harness jmh,pipeline,journal,replay --json "$work/jmh.json"
else
    harness jmh --json "$work/jmh.json"
    log "pipeline: throughput, then tick-to-trade at fixed rates"
    harness pipeline
    log "journal append beside a bare Chronicle appender"
    harness journal
    log "replay and backtest over a journal"
    harness replay
fi

if [ "$quick" = 1 ]; then
    wait "$peer_pid" || { cat "$work/peer.log" >&2; echo "perf/run.sh: the peer comparison failed" >&2; exit 1; }
    wait "$paper_pid" || { cat "$work/paper-part.log" >&2; echo "perf/run.sh: the paper run failed" >&2; exit 1; }
    cat "$work/peer.log" "$work/paper-part.log" >&2
    cat "$work/peer.md" "$work/paper.md" >> "$sections"
else
    peer_part "$sections"
    paper_part "$sections"
fi

# ---- the report ---------------------------------------------------------------------------------------------------
elapsed=$(( $(date +%s) - started ))
mkdir -p "$(dirname "$report")"
{
    echo "# EasyQuant performance run, $stamp$([ "$quick" = 1 ] && echo ' (quick: shortened, only proves it runs)')"
    echo
    echo "| | |"
    echo "|---|---|"
    echo "| command | \`perf/run.sh$([ "$quick" = 1 ] && echo ' --quick')\`, ${elapsed} s |"
    echo "| commit | $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- . ':!perf/results' 2>/dev/null || echo ' (with local changes)') |"
    echo "| CPU | $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $(nproc) cores available |"
    echo "| load | load average at the end $(cut -d' ' -f1-3 /proc/loadavg); the machine is shared with other builds, so absolute numbers are noisy: read the ratios |"
    echo "| memory | $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) |"
    echo "| JVM (engine) | $("$java_bin" -version 2>&1 | sed -n 2p) |"
    echo "| JVM (peer comparison) | $([ -n "$peer_java" ] && "$peer_java" -version 2>&1 | sed -n 2p || echo 'none') |"
    echo "| JVM flags | \`$main_flags\` (+ \`--sun-misc-unsafe-memory-access=allow\` on 24+); heaps as each section says |"
    echo
    cat "$sections"
} > "$report"
log "wrote $report (${elapsed} s)"
