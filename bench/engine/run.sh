#!/usr/bin/env bash
# Engine benchmark: the same workloads against Resolute and the official restate-server, in one run,
# on this machine, with the same TypeScript SDK service (test-services/typescript, `serve.js --engine`).
#
# Usage: bench/engine/run.sh [RESOLUTE_BUNDLE [RESTATE_SERVER_BIN]]
#        bench/engine/run.sh --profile [RESOLUTE_BUNDLE]    # JFR profile of Resolute under Flow/noop only
#
# Environment (all optional):
#   RESOLUTE_BUNDLE     Resolute bundle dir (default: dist/target/resolute of this repository; when it is
#                       missing or older than the sources it is built from a snapshot copy of the working
#                       tree in $BENCH_SRC, never in the repository itself, and that copy's bundle is used)
#   BENCH_SRC           where that snapshot is built (default /tmp/resolute-bench-src)
#   RESTATE_SERVER_BIN  official server binary (default: the native binary of
#                       `npm install @restatedev/restate-server@1.7.12` in bench/engine/node_modules)
#   ROUNDS=3            rounds; each round runs both servers, the order alternating per round
#   FIRST_ROUND=1       number of the first round (to add rounds to an existing RESULTS dir)
#   DURATION=10         seconds per measurement (wrk -d)
#   WARMUP=4            seconds of warm-up per workload after registration
#   CONNS="16 64"       wrk connection counts; THREADS=2 wrk threads
#   PROFILE_SECONDS=30  length of the JFR recording in --profile mode; PROFILE=1 also profiles after the rounds
#   RESULTS             results dir (default bench/engine/results/<timestamp>)
#
# Per server run: fresh base dir and a fresh node service process; time from process start to the
# first 200 on both ingress /restate/health and admin /health; register the service (POST
# /deployments); time to the first successful invocation; idle RSS after registration; warm-up;
# then per workload x connections: wrk req/s, p50/p99, errors (non-2xx + socket errors), server CPU
# (utime+stime of /proc/<pid>/stat) per request, the node service's CPU per request, wrk's own CPU and
# the CPU everyone else on the machine used meanwhile; peak RSS (VmHWM) at the end.
# Writes cells.tsv, runs.tsv, summary.md (+ logs) into the results dir and prints summary.md.
# Needs node/npm, curl and wrk (installed with apt-get when missing).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
services_dir="$root/test-services/typescript"

profile_only=0
if [ "${1:-}" = "--profile" ]; then profile_only=1; shift; fi
RESOLUTE_BUNDLE="${1:-${RESOLUTE_BUNDLE:-}}"
RESTATE_SERVER_BIN="${2:-${RESTATE_SERVER_BIN:-}}"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-4}"
CONNS="${CONNS:-16 64}"
THREADS="${THREADS:-2}"
PROFILE_SECONDS="${PROFILE_SECONDS:-30}"
BENCH_SRC="${BENCH_SRC:-/tmp/resolute-bench-src}"
RESULTS="${RESULTS:-$here/results/$(date +%Y%m%d-%H%M%S)}"
CLK_TCK=$(getconf CLK_TCK)

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- prerequisites
if ! command -v wrk >/dev/null 2>&1; then
  log "wrk is missing; installing it with apt-get"
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >&2 || { apt-get update >&2 && apt-get install -y wrk >&2; }
  else sudo apt-get install -y wrk >&2 || { sudo apt-get update >&2 && sudo apt-get install -y wrk >&2; }; fi
fi
for tool in node npm curl wrk; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done

if [ ! -d "$services_dir/node_modules/@restatedev/restate-sdk" ]; then
  log "installing the test services (npm ci in test-services/typescript)"
  (cd "$services_dir" && npm ci --no-audit --no-fund >&2)
fi

# The official server: npm's restate-server is a node wrapper that spawns the native binary; we run the
# native binary directly so that /proc/<pid> is the server and its start-up excludes node's.
if [ -z "$RESTATE_SERVER_BIN" ]; then
  native="$here/node_modules/@restatedev/restate-server-linux-x64/bin/restate-server"
  if [ ! -x "$native" ]; then
    log "installing @restatedev/restate-server@1.7.12 into bench/engine/node_modules"
    [ -f "$here/package.json" ] || echo '{"private":true,"description":"engine benchmark: official server (git-ignored)"}' > "$here/package.json"
    (cd "$here" && npm install --no-audit --no-fund --no-save @restatedev/restate-server@1.7.12 >&2)
  fi
  RESTATE_SERVER_BIN="$native"
fi
[ -x "$RESTATE_SERVER_BIN" ] || die "official server binary not found: $RESTATE_SERVER_BIN"

# Resolute: the repository's bundle if it is fresh; otherwise build a snapshot copy (other people build
# in the repository concurrently, so the benchmark never runs mvn there).
bundle_stale() { # $1 = bundle dir, $2 = source root
  local launcher="$1/bin/restate-server"
  [ -x "$launcher" ] || return 0
  [ -n "$(find "$2" \( -path "$2/dist/target" -o -name node_modules -o -name target -o -path "$2/bench" \) -prune -o \
    \( -name '*.java' -o -name 'pom.xml' -o -name '*.properties' -o -path '*/bundle/bin/*' -o -path '*/META-INF/services/*' \) \
    -newer "$launcher" -print -quit 2>/dev/null)" ]
}
if [ -z "$RESOLUTE_BUNDLE" ]; then
  RESOLUTE_BUNDLE="$root/dist/target/resolute"
  if bundle_stale "$RESOLUTE_BUNDLE" "$root"; then
    log "dist/target/resolute is missing or older than the sources: building a snapshot in $BENCH_SRC"
    if [ -e "$BENCH_SRC" ] && [ ! -e "$BENCH_SRC/.resolute-bench-snapshot" ]; then
      die "$BENCH_SRC exists and is not a snapshot made by this script; set BENCH_SRC elsewhere"
    fi
    rm -rf "$BENCH_SRC" && mkdir -p "$BENCH_SRC" && touch "$BENCH_SRC/.resolute-bench-snapshot"
    (cd "$root" && tar --exclude=target --exclude=node_modules --exclude=.git --exclude=./bench/engine/results -cf - .) | (cd "$BENCH_SRC" && tar -xf -)
    # shellcheck source=/dev/null
    . "$root/dist/src/main/bundle/bin/find-java"
    resolute_find_java || exit 1
    (cd "$BENCH_SRC" && JAVA_HOME="$RESOLUTE_JAVA_HOME" MAVEN_OPTS="${MAVEN_OPTS:-} -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow" \
      mvn -B -q -DskipTests package >&2) \
      || die "building the snapshot of the working tree failed (see above); pass a built bundle dir as the first argument"
    RESOLUTE_BUNDLE="$BENCH_SRC/dist/target/resolute"
  fi
fi
[ -x "$RESOLUTE_BUNDLE/bin/restate-server" ] || die "no Resolute launcher in $RESOLUTE_BUNDLE"
RESOLUTE_BUNDLE="$(cd "$RESOLUTE_BUNDLE" && pwd)"

mkdir -p "$RESULTS/logs"
work="$(mktemp -d "${TMPDIR:-/tmp}/resolute-engine-bench.XXXXXX")"
started_pids=()
cleanup() {
  local p
  for p in "${started_pids[@]+"${started_pids[@]}"}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- helpers
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
proc_cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $12 + $13}' || echo 0; }
ticks_to_ms() { echo $(( $1 * 1000 / CLK_TCK )); }
machine_busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
loadavg1() { cut -d' ' -f1 /proc/loadavg; }
free_ports() { # prints three free TCP ports on 127.0.0.1
  node -e 'const net=require("net");(async()=>{const s=[];for(let i=0;i<3;i++){const x=net.createServer();await new Promise(r=>x.listen(0,"127.0.0.1",r));s.push(x)}console.log(s.map(x=>x.address().port).join(" "));s.forEach(x=>x.close())})()'
}
http_code() { curl -s -o /dev/null --max-time "${3:-2}" -w '%{http_code}' "${@:4}" "$1$2" 2>/dev/null || true; }

start_services() { # $1 = log file; sets node_pid, node_port
  (cd "$services_dir" && exec node serve.js --engine 0) > "$1" 2>&1 &
  node_pid=$!
  started_pids+=("$node_pid")
  local i
  for i in $(seq 1 300); do
    node_port=$(sed -n 's/^listening on \([0-9]*\).*/\1/p' "$1")
    [ -n "$node_port" ] && return 0
    kill -0 "$node_pid" 2>/dev/null || die "node services exited: $(cat "$1")"
    sleep 0.1
  done
  die "node services did not start: $(cat "$1")"
}

stop_pid() { # $1 = pid: SIGTERM, then SIGKILL after 30 s; forgets it (so cleanup never signals a reused pid)
  local p=$1 i q keep=()
  for q in "${started_pids[@]+"${started_pids[@]}"}"; do [ "$q" = "$p" ] || keep+=("$q"); done
  started_pids=("${keep[@]+"${keep[@]}"}")
  kill "$p" 2>/dev/null || return 0
  for i in $(seq 1 300); do kill -0 "$p" 2>/dev/null || { wait "$p" 2>/dev/null || true; return 0; }; sleep 0.1; done
  kill -9 "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
}

# The part of Resolute's start-up spent in its launcher before the JVM starts: bin/find-java looks for the
# newest JDK by running `java -XshowSettings` on each candidate, and the launcher asks once more for >= 24.
launcher_overhead_ms() {
  local t0; t0=$(now_ms)
  env -u JAVA_HOME ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} bash -c '. "$1/bin/find-java" && resolute_find_java && resolute_java_version "$RESOLUTE_JAVA_HOME/bin/java" > /dev/null' _ "$RESOLUTE_BUNDLE"
  echo $(( $(now_ms) - t0 ))
}

# start_server NAME DIR: starts with a fresh base dir, waits for health; sets server_pid, ingress, admin,
# startup_ms (process start -> first 200 on both health endpoints), startup_cpu_ms (the server's CPU by then)
start_server() {
  local name=$1 dir=$2 ports fabric_port admin_port ingress_port t0 i
  mkdir -p "$dir"
  read -r fabric_port admin_port ingress_port <<< "$(free_ports)"
  ingress="http://127.0.0.1:$ingress_port"
  admin="http://127.0.0.1:$admin_port"
  local -a cmd envs
  envs=(RESTATE_EXPERIMENTAL_ENABLE_PROTOCOL_V7=true RESTATE_BIND_IP=127.0.0.1 RESTATE_BIND_PORT="$fabric_port"
        RESTATE_ADMIN__BIND_PORT="$admin_port" RESTATE_INGRESS__BIND_PORT="$ingress_port")
  if [ "$name" = resolute ]; then
    cmd=("$RESOLUTE_BUNDLE/bin/restate-server")
    envs+=(RESOLUTE_JAVA_OPTS="${RESOLUTE_JAVA_OPTS:-}")
    [ -n "${JAVA_HOME:-}" ] && envs+=(JAVA_HOME="$JAVA_HOME")
  else
    cmd=("$RESTATE_SERVER_BIN")
  fi
  cmd+=(--no-logo --listen-mode tcp --node-name n1 --base-dir "$dir/data")
  t0=$(now_ms)
  (cd "$dir" && exec env -u JAVA_HOME $(env | sed -n 's/^\(RESTATE_[A-Z0-9_]*\)=.*/-u \1/p') "${envs[@]}" "${cmd[@]}") \
    > "$dir/stdout.txt" 2> "$dir/stderr.txt" &
  server_pid=$!
  started_pids+=("$server_pid")
  for i in $(seq 1 12000); do
    if [ "$(http_code "$ingress" /restate/health 1)" = 200 ] && [ "$(http_code "$admin" /health 1)" = 200 ]; then
      startup_ms=$(( $(now_ms) - t0 )); t_start=$t0
      startup_cpu_ms=$(ticks_to_ms "$(proc_cpu_ticks "$server_pid")"); return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || die "$name exited during start-up: $(tail -20 "$dir/stderr.txt")"
    [ $(( $(now_ms) - t0 )) -gt 120000 ] && die "$name not healthy within 120 s: $(tail -20 "$dir/stderr.txt")"
    sleep 0.01
  done
}

register() { # POST /deployments until 201 (the official server may need a moment after /health)
  local i code
  for i in $(seq 1 600); do
    code=$(curl -s -o "$1/register.json" -w '%{http_code}' --max-time 30 -X POST "$admin/deployments" \
      -H 'content-type: application/json' -d "{\"uri\":\"http://127.0.0.1:$node_port\"}" || true)
    [ "$code" = 201 ] && return 0
    sleep 0.1
  done
  die "registration failed ($code): $(cat "$1/register.json")"
}

first_call() { # first successful invocation of Flow/noop
  local i
  for i in $(seq 1 600); do
    [ "$(http_code "$ingress" /Flow/noop 30 -X POST)" = 200 ] && return 0
    sleep 0.05
  done
  die "Flow/noop never succeeded"
}

# workload name, path, body, keys, extra load.lua settings (VAR=value, comma separated)
WORKLOADS=(
  "noop|/Flow/noop||0|"
  "steps3|/Flow/steps|\"x\"|0|"
  "tally-1key|/Tally/{key}/add|1|1|"
  "tally-100keys|/Tally/{key}/add|1|100|"
  "idempotent-noop|/Flow/noop||0|BENCH_IDEMPOTENT=1"
  "workflow-promise|/BenchFlow/{unique}/run||0|"
  "awakeable|/BenchAwake/roundTrip||0|"
  "send-attach|/Flow/noop/send||0|BENCH_THEN_ATTACH=1"
)
# WORKLOAD_FILTER: a regex of workload names to run (default: all)
if [ -n "${WORKLOAD_FILTER:-}" ]; then
  selected=()
  for spec in "${WORKLOADS[@]}"; do [[ "${spec%%|*}" =~ ^(${WORKLOAD_FILTER})$ ]] && selected+=("$spec"); done
  WORKLOADS=("${selected[@]}")
fi

# run_wrk WORKLOAD_SPEC CONNS SECONDS OUTFILE: runs wrk, writes its output; prints "user_ms sys_ms" of wrk
run_wrk() {
  local spec=$1 conns=$2 secs=$3 out=$4 name path body keys extra
  IFS='|' read -r name path body keys extra <<< "$spec"
  local t0 t1 me=$BASHPID   # run in $(...): wrk is a child of this subshell, its CPU lands in our cutime/cstime
  t0=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$me/stat")
  BENCH_PATH="$path" BENCH_BODY="$body" BENCH_KEYS="$keys" env ${extra//,/ } \
    wrk -t"$THREADS" -c"$conns" -d"${secs}s" --timeout 30s --latency -s "$here/load.lua" "$ingress" > "$out" 2>&1 || true
  t1=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$me/stat")
  echo $(( (t1 - t0) * 1000 / CLK_TCK ))
}

result_field() { local v; v=$(sed -n 's/^RESULT .*\b'"$2"'=\([0-9.]*\).*/\1/p' "$1" | head -1); echo "${v:-0}"; }

CELLS="$RESULTS/cells.tsv"
RUNS="$RESULTS/runs.tsv"
[ -f "$CELLS" ] || printf 'round\tserver\tworkload\tconns\trequests\tduration_us\trps\tp50_us\tp90_us\tp99_us\tmax_us\tnon2xx\tsocket_errors\tserver_cpu_ms\tnode_cpu_ms\twrk_cpu_ms\tmachine_busy_ms\tloadavg1\n' > "$CELLS"
[ -f "$RUNS" ] || printf 'round\tserver\tstartup_ms\tstartup_cpu_ms\tlauncher_ms\tfirst_call_ms\tidle_rss_kb\tpeak_rss_kb\tend_rss_kb\tthreads\tstderr_errors\n' > "$RUNS"

# bench_server NAME ROUND
bench_server() {
  local name=$1 round=$2 dir="$work/$1-r$2" spec conns out
  log "round $round: $name"
  mkdir -p "$dir"
  local launcher_ms=0
  [ "$name" = resolute ] && launcher_ms=$(launcher_overhead_ms)
  start_services "$dir/node.txt"
  start_server "$name" "$dir"
  log "  healthy after ${startup_ms} ms, ${startup_cpu_ms} CPU-ms (ingress $ingress, admin $admin, service :$node_port)"
  register "$dir"
  first_call
  local first_ms=$(( $(now_ms) - t_start ))
  sleep 2
  local idle_rss; idle_rss=$(status_kb "$server_pid" VmRSS)
  log "  first call after ${first_ms} ms; idle RSS ${idle_rss} kB; warming up"
  for spec in "${WORKLOADS[@]}"; do run_wrk "$spec" 16 "$WARMUP" "$dir/warmup.txt" > /dev/null; done
  sleep 1
  for spec in "${WORKLOADS[@]}"; do
    for conns in $CONNS; do
      local wname="${spec%%|*}" s0 n0 m0 s1 n1 m1 w la
      out="$RESULTS/logs/r$round-$name-$wname-c$conns.txt"
      la=$(loadavg1)
      s0=$(proc_cpu_ticks "$server_pid"); n0=$(proc_cpu_ticks "$node_pid"); m0=$(machine_busy_ticks)
      w=$(run_wrk "$spec" "$conns" "$DURATION" "$out")
      s1=$(proc_cpu_ticks "$server_pid"); n1=$(proc_cpu_ticks "$node_pid"); m1=$(machine_busy_ticks)
      kill -0 "$server_pid" 2>/dev/null || log "  $name DIED during $wname c$conns"
      local req dur p50 p90 p99 max st sock
      req=$(result_field "$out" requests); dur=$(result_field "$out" duration_us)
      p50=$(result_field "$out" p50_us); p90=$(result_field "$out" p90_us); p99=$(result_field "$out" p99_us); max=$(result_field "$out" max_us)
      st=$(result_field "$out" status)
      sock=$(( $(result_field "$out" connect) + $(result_field "$out" read) + $(result_field "$out" write) + $(result_field "$out" timeout) ))
      local rps; rps=$(awk -v r="$req" -v d="$dur" 'BEGIN {printf "%.1f", (d > 0 ? r * 1e6 / d : 0)}')
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$wname" "$conns" \
        "$req" "$dur" "$rps" "$p50" "$p90" "$p99" "$max" "$st" "$sock" \
        "$(ticks_to_ms $((s1 - s0)))" "$(ticks_to_ms $((n1 - n0)))" "$w" "$(ticks_to_ms $((m1 - m0)))" "$la" >> "$CELLS"
      log "  $wname c$conns: $rps req/s, p50 $((p50 / 1000)) ms, p99 $((p99 / 1000)) ms, non-2xx $st, socket errors $sock, server $(ticks_to_ms $((s1 - s0))) CPU-ms"
    done
  done
  local peak end_rss threads errs
  peak=$(status_kb "$server_pid" VmHWM); end_rss=$(status_kb "$server_pid" VmRSS); threads=$(status_kb "$server_pid" Threads)
  stop_pid "$server_pid"
  stop_pid "$node_pid"
  errs=$(sed 's/\x1b\[[0-9;]*m//g' "$dir/stderr.txt" | grep -cE '\bERROR\b|Exception' || true)
  sed 's/\x1b\[[0-9;]*m//g' "$dir/stderr.txt" | grep -E -A3 '\bERROR\b|Exception|WARN' | head -200 > "$RESULTS/logs/r$round-$name-stderr-excerpt.txt" || true
  tail -c 20000 "$dir/stderr.txt" > "$RESULTS/logs/r$round-$name-stderr-tail.txt" || true
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$startup_ms" "$startup_cpu_ms" "$launcher_ms" "$first_ms" "$idle_rss" "$peak" "$end_rss" "$threads" "$errs" >> "$RUNS"
  log "  peak RSS ${peak} kB; stderr ERROR/Exception lines: $errs"
  rm -rf "$dir"
}

# Per-thread CPU of a process, grouped by thread name with digits removed: "name<TAB>ticks" lines.
thread_cpu() {
  local t
  local -x LC_ALL=C
  for t in /proc/"$1"/task/*; do
    sed 's/^[0-9]* (\(.*\)) \(.*\)$/\1\t\2/' "$t/stat" 2>/dev/null | awk -F'\t' '{split($2, f, " "); name = $1; gsub(/[0-9]+/, "#", name); print name "\t" f[12] + f[13]}'
  done | awk -F'\t' '{s[$1] += $2} END {for (k in s) print k "\t" s[k]}' | sort
}
thread_cpu_delta() { # $1 before file, $2 after file -> "ms  name" sorted
  LC_ALL=C join -t $'\t' -a 2 -e 0 -o 0,1.2,2.2 "$1" "$2" | awk -F'\t' -v hz="$CLK_TCK" '{d = ($3 - $2) * 1000 / hz; if (d > 0) printf "%8d ms  %s\n", d, $1}' | sort -rn
}

profile_servers() {
  local dir="$work/profile" name
  mkdir -p "$dir"
  local spec="${WORKLOADS[0]}"
  for name in resolute official; do
    log "profile: $name under Flow/noop, 16 connections, $PROFILE_SECONDS s"
    start_services "$dir/node-$name.txt"
    start_server "$name" "$dir/$name"
    register "$dir/$name"
    first_call
    run_wrk "$spec" 16 15 "$dir/warmup.txt" > /dev/null
    thread_cpu "$server_pid" > "$dir/threads-before.txt"
    if [ "$name" = resolute ]; then
      local java jcmd jfr
      java=$(readlink -f "/proc/$server_pid/exe"); jcmd="$(dirname "$java")/jcmd"; jfr="$(dirname "$java")/jfr"
      local settings=(settings=profile)
      "$java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])' && settings+=("jdk.CPUTimeSample#enabled=true" "jdk.CPUTimeSample#throttle=5ms")
      "$jcmd" "$server_pid" JFR.start name=bench "${settings[@]}" filename="$RESULTS/resolute-noop.jfr" > "$dir/jcmd.txt" 2>&1 \
        || "$jcmd" "$server_pid" JFR.start name=bench settings=profile filename="$RESULTS/resolute-noop.jfr" >> "$dir/jcmd.txt" 2>&1
    fi
    run_wrk "$spec" 16 "$PROFILE_SECONDS" "$RESULTS/logs/profile-$name-noop.txt" > /dev/null
    thread_cpu "$server_pid" > "$dir/threads-after.txt"
    {
      echo "$name: server CPU per thread group during $PROFILE_SECONDS s of Flow/noop at 16 connections ($(result_field "$RESULTS/logs/profile-$name-noop.txt" requests) requests)"
      thread_cpu_delta "$dir/threads-before.txt" "$dir/threads-after.txt"
    } > "$RESULTS/threads-$name.txt"
    if [ "$name" = resolute ]; then
      "$jcmd" "$server_pid" JFR.stop name=bench >> "$dir/jcmd.txt" 2>&1 || true
      {
        "$jfr" summary "$RESULTS/resolute-noop.jfr" | head -60
        for view in cpu-time-hot-methods hot-methods allocation-by-class gc thread-cpu-load; do
          echo; echo "== jfr view $view"; "$jfr" view --width 200 "$view" "$RESULTS/resolute-noop.jfr" 2>&1 | head -45 || true
        done
      } > "$RESULTS/jfr-views.txt" 2>&1
      # inclusive/self sample counts by frame, from the CPU-time samples (JDK 25) or execution samples
      local ev=jdk.CPUTimeSample
      grep -q 'jdk.CPUTimeSample ' "$RESULTS/jfr-views.txt" || ev=jdk.ExecutionSample
      "$jfr" print --json --stack-depth 64 --events "$ev" "$RESULTS/resolute-noop.jfr" > "$dir/samples.json" 2>/dev/null || true
      node "$here/stacks.js" "$dir/samples.json" > "$RESULTS/jfr-stacks.txt" 2>&1 || true
    fi
    stop_pid "$server_pid"
    stop_pid "$node_pid"
  done
}

machine_facts() {
  local java
  java=$(JAVA_HOME="${JAVA_HOME:-}" bash -c ". '$RESOLUTE_BUNDLE/bin/find-java' && resolute_find_java && echo \$RESOLUTE_JAVA_HOME/bin/java")
  {
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- nproc: $(nproc); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "- memory: $(free -m | awk '/Mem:/ {printf "%.1f GiB", $2 / 1024}'); kernel: $(uname -sr)"
    echo "- JDK (Resolute launcher): $("$java" -version 2>&1 | sed -n 2p); Node: $(node --version); wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
    echo "- official: $("$RESTATE_SERVER_BIN" --version 2>&1 | head -1) (native binary $(basename "$RESTATE_SERVER_BIN"), run directly)"
    echo "- Resolute bundle: $RESOLUTE_BUNDLE"
    echo "- settings: rounds $ROUNDS, $DURATION s per cell, warm-up ${WARMUP} s per workload, wrk -t$THREADS, connections $CONNS"
  } > "$RESULTS/machine.md"
}

# ---------------------------------------------------------------- main
machine_facts
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" > "$RESULTS/load.txt"
t_begin=$(now_ms)
if [ "$profile_only" = 0 ]; then
  for round in $(seq "${FIRST_ROUND:-1}" $(( ${FIRST_ROUND:-1} + ROUNDS - 1 ))); do
    if [ $((round % 2)) = 1 ]; then order=(resolute official); else order=(official resolute); fi
    for s in "${order[@]}"; do bench_server "$s" "$round"; done
    echo "load average after round $round: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RESULTS/load.txt"
  done
fi
if [ "$profile_only" = 1 ] || [ "${PROFILE:-0}" = 1 ]; then
  profile_servers
  echo "load average after profiling: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RESULTS/load.txt"
fi
echo "wall time: $(( ($(now_ms) - t_begin) / 1000 )) s" >> "$RESULTS/load.txt"
if [ "$profile_only" = 0 ]; then
  node "$here/summarize.js" "$RESULTS" > "$RESULTS/summary.md"
  cat "$RESULTS/summary.md"
fi
log "results in $RESULTS"
