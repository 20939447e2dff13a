#!/usr/bin/env bash
# SQL introspection benchmark: the same queries over the same stored invocations, against Resolute and the
# official restate-server, in one run on this machine (the services: test-services/typescript `serve.js --engine`).
#
# Usage: bench/sql/run.sh [RESOLUTE_BUNDLE [RESTATE_SERVER_BIN]]
#
# Environment (all optional):
#   SIZES="2000"        numbers of stored completed invocations; each size gets a fresh server of each kind
#   SERVERS="resolute official"  which servers to run (the order alternates per size)
#   RESOLUTE_BUNDLE     Resolute bundle dir (default: dist/target/resolute of this repository; when it is missing or
#                       older than the sources, a snapshot of the working tree is built in $BENCH_SRC and used)
#   BENCH_SRC           where that snapshot is built (default /tmp/resolute-sqlbench-src)
#   RESTATE_SERVER_BIN  official server binary (default: the native 1.7.12 binary under test-services/typescript)
#   FILL_CONNS=32       concurrent sends while filling; FILL_KEYS=1000 object keys per virtual object
#   FILL_TIMEOUT=1800   seconds to wait for the stored count to reach N
#   REPS=10             runs of each query (the first, cold one is reported on its own as well)
#   P99_SECONDS=20      length of each invocation-load measurement (wrk, Flow/noop, -t2 -c$P99_CONNS)
#   P99_CONNS=16
#   SCAN_QUERY          the full scan looped during the second measurement
#                       (default "select * from sys_invocation_status", accept: application/json, discarded)
#   RESULTS             results dir (default bench/sql/results/<timestamp>)
#   BENCH_QUERIES       a bash file sourced after the helpers that redefines run_queries NAME SIZE (bench/ui/queries.sh)
#   LOAD_RUNS=1         0: no Flow/noop load runs
#
# Per size and server: a fresh base dir and node service process; register; fill with N one-way sends
# (bench/sql/fill.js) and wait until `select count(*) … where status = 'completed'` reaches N: the fill rate is
# N / (first send -> count reached). Then each query REPS times over POST /query (counts as Arrow, as the CLI
# reads them, the rest as JSON): latency (curl), the server's CPU (utime+stime of /proc/<pid>/stat) and its peak
# RSS (VmHWM, reset through /proc/<pid>/clear_refs before each query). Then Flow/noop under wrk alone, and again
# while SCAN_QUERY loops: p50/p99 both ways.
# Writes fill.tsv, queries.tsv, load.tsv, machine.md, summary.md (+ logs) into the results dir.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
services_dir="$root/test-services/typescript"

RESOLUTE_BUNDLE="${1:-${RESOLUTE_BUNDLE:-}}"
RESTATE_SERVER_BIN="${2:-${RESTATE_SERVER_BIN:-$services_dir/node_modules/@restatedev/restate-server-linux-x64/bin/restate-server}}"
SIZES="${SIZES:-2000}"
SERVERS="${SERVERS:-resolute official}"
FILL_CONNS="${FILL_CONNS:-32}"
FILL_KEYS="${FILL_KEYS:-1000}"
FILL_TIMEOUT="${FILL_TIMEOUT:-1800}"
REPS="${REPS:-10}"
P99_SECONDS="${P99_SECONDS:-20}"
P99_CONNS="${P99_CONNS:-16}"
SCAN_QUERY="${SCAN_QUERY:-select * from sys_invocation_status}"
LOAD_RUNS="${LOAD_RUNS:-1}"
BENCH_SRC="${BENCH_SRC:-/tmp/resolute-sqlbench-src}"
RESULTS="${RESULTS:-$here/results/$(date +%Y%m%d-%H%M%S)}"
CLK_TCK=$(getconf CLK_TCK)

log() { echo "[sql-bench $(date +%H:%M:%S)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for tool in node curl wrk; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done
[ -d "$services_dir/node_modules/@restatedev/restate-sdk" ] || die "run npm ci in test-services/typescript first"
[ -x "$RESTATE_SERVER_BIN" ] || die "official server binary not found: $RESTATE_SERVER_BIN"

# Resolute: the repository's bundle if fresh, else a snapshot build outside the repository (others build in it).
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
    RESOLUTE_BUNDLE="$BENCH_SRC/dist/target/resolute"
    if bundle_stale "$RESOLUTE_BUNDLE" "$root"; then
      log "building a snapshot of the working tree in $BENCH_SRC"
      if [ -e "$BENCH_SRC" ] && [ ! -e "$BENCH_SRC/.resolute-bench-snapshot" ]; then
        die "$BENCH_SRC exists and is not a snapshot made by this script; set BENCH_SRC elsewhere"
      fi
      rm -rf "$BENCH_SRC" && mkdir -p "$BENCH_SRC" && touch "$BENCH_SRC/.resolute-bench-snapshot"
      (cd "$root" && tar --exclude=target --exclude=node_modules --exclude=.git --exclude=./bench/engine/results \
        --exclude=./bench/sql/results -cf - .) | (cd "$BENCH_SRC" && tar -xf -)
      # shellcheck source=/dev/null
      . "$root/dist/src/main/bundle/bin/find-java"
      resolute_find_java || exit 1
      (cd "$BENCH_SRC" && JAVA_HOME="$RESOLUTE_JAVA_HOME" MAVEN_OPTS="${MAVEN_OPTS:-} -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow" \
        mvn -B -q -o -DskipTests package >&2) || die "building the snapshot failed; pass a built bundle dir as the first argument"
    fi
  fi
fi
[ -x "$RESOLUTE_BUNDLE/bin/restate-server" ] || die "no Resolute launcher in $RESOLUTE_BUNDLE"
RESOLUTE_BUNDLE="$(cd "$RESOLUTE_BUNDLE" && pwd)"

mkdir -p "$RESULTS/logs"
work="$(mktemp -d "${TMPDIR:-/tmp}/resolute-sql-bench.XXXXXX")"
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
status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
reset_peak_rss() { echo 5 > "/proc/$1/clear_refs" 2>/dev/null || log "  cannot reset VmHWM of $1: peaks are since start"; }
loadavg1() { cut -d' ' -f1 /proc/loadavg; }
free_ports() {
  node -e 'const net=require("net");(async()=>{const s=[];for(let i=0;i<4;i++){const x=net.createServer();await new Promise(r=>x.listen(0,"127.0.0.1",r));s.push(x)}console.log(s.map(x=>x.address().port).join(" "));s.forEach(x=>x.close())})()'
}
http_code() { curl -s -o /dev/null --max-time "${3:-2}" -w '%{http_code}' "${@:4}" "$1$2" 2>/dev/null || true; }
json_body() { printf '{"query":"%s"}' "$1"; }

# query SQL ACCEPT OUTFILE: POST /query; prints "<http code> <seconds> <bytes>"
query() {
  curl -s -o "$3" --max-time 600 -w '%{http_code} %{time_total} %{size_download}' -X POST "$admin/query" \
    -H 'content-type: application/json' -H "accept: $2" -d "$(json_body "$1")" || echo "000 0 0"
}
# a single value of the first JSON row: query_value SQL COLUMN
query_value() {
  local f="$work/value.json"
  query "$1" application/json "$f" > /dev/null
  node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).rows; console.log(r && r.length ? r[0][process.argv[2]] ?? "" : "")' "$f" "$2" 2>/dev/null || true
}

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

stop_pid() { # SIGTERM, SIGKILL after 30 s; forgets the pid so cleanup never signals a reused one
  local p=$1 i q keep=()
  for q in "${started_pids[@]+"${started_pids[@]}"}"; do [ "$q" = "$p" ] || keep+=("$q"); done
  started_pids=("${keep[@]+"${keep[@]}"}")
  kill "$p" 2>/dev/null || return 0
  for i in $(seq 1 300); do kill -0 "$p" 2>/dev/null || { wait "$p" 2>/dev/null || true; return 0; }; sleep 0.1; done
  kill -9 "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
}

start_server() { # NAME DIR: fresh base dir; sets server_pid, ingress, admin
  local name=$1 dir=$2 fabric_port admin_port ingress_port pgwire_port t0 i
  mkdir -p "$dir"
  read -r fabric_port admin_port ingress_port pgwire_port <<< "$(free_ports)"
  ingress="http://127.0.0.1:$ingress_port"
  admin="http://127.0.0.1:$admin_port"
  local -a cmd envs
  envs=(RESTATE_BIND_IP=127.0.0.1 RESTATE_BIND_PORT="$fabric_port" RESTATE_ADMIN__BIND_PORT="$admin_port"
        RESTATE_INGRESS__BIND_PORT="$ingress_port")
  if [ "$name" = resolute ]; then
    cmd=("$RESOLUTE_BUNDLE/bin/restate-server")
    envs+=(RESOLUTE_JAVA_OPTS="${RESOLUTE_JAVA_OPTS:-}" RESTATE_PGWIRE__BIND_PORT="$pgwire_port")
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
    if [ "$(http_code "$ingress" /restate/health 1)" = 200 ] && [ "$(http_code "$admin" /health 1)" = 200 ]; then return 0; fi
    kill -0 "$server_pid" 2>/dev/null || die "$name exited during start-up: $(tail -20 "$dir/stderr.txt")"
    [ $(( $(now_ms) - t0 )) -gt 120000 ] && die "$name not healthy within 120 s: $(tail -20 "$dir/stderr.txt")"
    sleep 0.05
  done
}

register() { # POST /deployments until 201
  local i code
  for i in $(seq 1 600); do
    code=$(curl -s -o "$1/register.json" -w '%{http_code}' --max-time 30 -X POST "$admin/deployments" \
      -H 'content-type: application/json' -d "{\"uri\":\"http://127.0.0.1:$node_port\"}" || true)
    [ "$code" = 201 ] && return 0
    sleep 0.1
  done
  die "registration failed ($code): $(cat "$1/register.json")"
}

COMPLETED="select count(*) as n from sys_invocation_status where status = 'completed'"

# fill NAME SIZE DIR: N sends, then wait for the count; appends to fill.tsv
fill() {
  local name=$1 size=$2 dir=$3 t0 t_sent t_done c0 c1 n0 n1 out count la
  la=$(loadavg1)
  c0=$(proc_cpu_ticks "$server_pid"); n0=$(proc_cpu_ticks "$node_pid"); t0=$(now_ms)
  out=$(node "$here/fill.js" "$ingress" "$size" "$FILL_CONNS" "$FILL_KEYS" 2> "$dir/fill-errors.txt") \
    || die "$name: sends failed: $(head -3 "$dir/fill-errors.txt") $out"
  t_sent=$(now_ms)
  log "  $out"
  count=0
  while :; do
    count=$(query_value "$COMPLETED" n)
    [ "${count:-0}" -ge "$size" ] 2>/dev/null && break
    [ $(( $(now_ms) - t0 )) -gt $(( FILL_TIMEOUT * 1000 )) ] && die "$name: only ${count:-?} of $size completed after $FILL_TIMEOUT s"
    kill -0 "$server_pid" 2>/dev/null || die "$name died while filling: $(tail -20 "$dir/stderr.txt")"
    sleep "$(( size >= 200000 ? 5 : 1 ))"
  done
  t_done=$(now_ms); c1=$(proc_cpu_ticks "$server_pid"); n1=$(proc_cpu_ticks "$node_pid")
  local disk_kb; disk_kb=$(du -sk "$dir/data" | cut -f1)
  local rate; rate=$(awk -v n="$size" -v ms=$((t_done - t0)) 'BEGIN {printf "%.0f", n * 1000 / ms}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$size" "$count" $((t_sent - t0)) $((t_done - t0)) "$rate" \
    "$(ticks_to_ms $((c1 - c0)))" "$(ticks_to_ms $((n1 - n0)))" "$disk_kb" "$la" >> "$RESULTS/fill.tsv"
  log "  $count completed after $(( (t_done - t0) / 1000 )) s: $rate invocations/s; data dir $((disk_kb / 1024)) MiB"
}

# measure NAME SIZE LABEL COMMAND ARG: REPS runs of `COMMAND ARG OUTFILE`, which prints "<http code> <seconds> <bytes>";
# appends one row per run to queries.tsv (bench/ui measures its GETs with it too)
measure() {
  local name=$1 size=$2 label=$3 cmd=$4 arg=$5 i c0 c1 hwm rss_file rss0 la result code secs bytes
  la=$(loadavg1)
  rss0=$(status_kb "$server_pid" VmRSS)
  reset_peak_rss "$server_pid"
  c0=$(proc_cpu_ticks "$server_pid")
  local -a runs=()
  for i in $(seq 1 "$REPS"); do
    result=$("$cmd" "$arg" "$work/q.out")
    runs+=("$result")
    [ "$i" = 1 ] && head -c 3000 "$work/q.out" > "$RESULTS/logs/$name-$size-${label// /-}.out"
  done
  c1=$(proc_cpu_ticks "$server_pid")
  hwm=$(status_kb "$server_pid" VmHWM); rss_file=$(status_kb "$server_pid" RssFile)
  local cpu_per; cpu_per=$(awk -v t=$((c1 - c0)) -v hz="$CLK_TCK" -v n="$REPS" 'BEGIN {printf "%.1f", t * 1000 / hz / n}')
  for i in "${!runs[@]}"; do
    read -r code secs bytes <<< "${runs[$i]}"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$size" "$label" $((i + 1)) "$code" \
      "$(awk -v s="$secs" 'BEGIN {printf "%.1f", s * 1000}')" "$bytes" "$cpu_per" "$hwm" "$rss_file" "$rss0" "$la" >> "$RESULTS/queries.tsv"
  done
  [ "$code" = 200 ] || log "  $label: HTTP $code: $(head -c 300 "$work/q.out")"
  log "  $label: last $(awk -v s="$secs" 'BEGIN {printf "%.1f", s * 1000}') ms, $bytes B, $cpu_per CPU-ms/query, peak RSS $((hwm / 1024)) MiB"
}

query_json() { query "$1" application/json "$2"; }
query_arrow() { query "$1" application/vnd.apache.arrow.stream "$2"; }

# measure_query NAME SIZE LABEL ACCEPT SQL: REPS runs of POST /query
measure_query() {
  case "$4" in
    application/json) measure "$1" "$2" "$3" query_json "$5" ;;
    application/vnd.apache.arrow.stream) measure "$1" "$2" "$3" query_arrow "$5" ;;
    *) die "measure_query: no command for $4" ;;
  esac
}

run_queries() { # NAME SIZE
  local name=$1 size=$2 id
  id=$(query_value "select id from sys_invocation where target_service_name = 'Flow' and target_handler_name = 'steps' limit 1" id)
  [ -n "$id" ] || die "$name: no Flow/steps invocation found"
  measure_query "$name" "$size" count application/vnd.apache.arrow.stream "select count(*) from sys_invocation"
  measure_query "$name" "$size" count-by-service application/json \
    "select target_service_name, count(*) as n from sys_invocation group by target_service_name order by target_service_name"
  measure_query "$name" "$size" list-by-service application/json \
    "SELECT id FROM sys_invocation inv WHERE inv.target_service_name IN ('Tally') ORDER BY inv.created_at DESC, inv.id LIMIT 100"
  measure_query "$name" "$size" journal-of-id application/json "select * from sys_journal where id = '$id'"
  measure_query "$name" "$size" state-of-key application/json \
    "select key, value from state where service_name = 'Tally' and service_key = 'k7'"
  # no stored rows at all: the fixed cost of a query (parse, plan, respond)
  measure_query "$name" "$size" services-fixed-cost application/json "select name, ty from sys_service order by name"
  # the answers themselves, to compare the servers
  {
    echo "count(*): $(query_value "select count(*) as n from sys_invocation" n)"
    echo "journal rows total: $(query_value "select count(*) as n from sys_journal" n)"
    echo "state rows total: $(query_value "select count(*) as n from state" n)"
    echo "journal of $id: $(query_value "select count(*) as n from sys_journal where id = '$id'" n) entries"
    query "select target_service_name, count(*) as n from sys_invocation group by target_service_name order by target_service_name" \
      application/json "$work/g.json" > /dev/null && echo "by service: $(cat "$work/g.json")"
  } > "$RESULTS/logs/$name-$size-answers.txt"
}

# another benchmark's queries (bench/ui): its run_queries replaces the one above
if [ -n "${BENCH_QUERIES:-}" ]; then
  # shellcheck source=/dev/null
  . "$BENCH_QUERIES"
fi

result_field() { local v; v=$(sed -n 's/^RESULT .*\b'"$2"'=\([0-9.]*\).*/\1/p' "$1" | head -1); echo "${v:-0}"; }

# load_run NAME SIZE MODE: Flow/noop under wrk, alone or beside a looping full scan; appends to load.tsv
load_run() {
  local name=$1 size=$2 mode=$3 out="$RESULTS/logs/$1-$2-wrk-$3.txt" scanner="" c0 c1 la
  local scans="$work/scans-$mode.txt"; : > "$scans"
  la=$(loadavg1)
  reset_peak_rss "$server_pid"
  if [ "$mode" = scan ]; then
    # curl runs as the loop's direct child, so stopping the loop stops the scan in flight too
    ( cpid=""; trap '[ -n "$cpid" ] && kill "$cpid" 2>/dev/null; exit 0' TERM
      while :; do
        curl -s -o /dev/null --max-time 600 -w '%{http_code} %{time_total} %{size_download}\n' -X POST "$admin/query" \
          -H 'content-type: application/json' -H 'accept: application/json' -d "$(json_body "$SCAN_QUERY")" >> "$scans" & cpid=$!
        wait "$cpid" || true
      done ) &
    scanner=$!
    started_pids+=("$scanner")
    sleep 1
  fi
  c0=$(proc_cpu_ticks "$server_pid")
  BENCH_PATH=/Flow/noop BENCH_BODY="" BENCH_KEYS=0 \
    wrk -t2 -c"$P99_CONNS" -d"${P99_SECONDS}s" --timeout 30s --latency -s "$root/bench/engine/load.lua" "$ingress" > "$out" 2>&1 || true
  c1=$(proc_cpu_ticks "$server_pid")
  local hwm; hwm=$(status_kb "$server_pid" VmHWM)
  [ -n "$scanner" ] && stop_pid "$scanner"
  local req dur p50 p99 max errs nscans scan_ms scan_bytes
  req=$(result_field "$out" requests); dur=$(result_field "$out" duration_us)
  p50=$(result_field "$out" p50_us); p99=$(result_field "$out" p99_us); max=$(result_field "$out" max_us)
  errs=$(( $(result_field "$out" status) + $(result_field "$out" connect) + $(result_field "$out" read) + $(result_field "$out" write) + $(result_field "$out" timeout) ))
  # completed scans only (HTTP 200); the one cut off at the end is not counted
  nscans=$(awk '$1 == 200' "$scans" | wc -l)
  scan_ms=$(awk '$1 == 200 {s += $2; n++} END {printf "%.0f", n ? s * 1000 / n : 0}' "$scans")
  scan_bytes=$(awk '$1 == 200 {s += $3; n++} END {printf "%.0f", n ? s / n : 0}' "$scans")
  local rps; rps=$(awk -v r="$req" -v d="$dur" 'BEGIN {printf "%.1f", (d > 0 ? r * 1e6 / d : 0)}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$size" "$mode" "$req" "$rps" "$p50" "$p99" "$max" "$errs" \
    "$(ticks_to_ms $((c1 - c0)))" "$hwm" "$nscans" "$scan_ms" "$scan_bytes" "$la" >> "$RESULTS/load.tsv"
  [ "$mode" = scan ] && awk '$1 != 200 && $1 != ""' "$scans" | head -3 | while read -r l; do log "  scan failed: $l"; done
  log "  Flow/noop ($mode): $rps req/s, p50 $((p50 / 1000)) ms, p99 $((p99 / 1000)) ms, errors $errs; scans done $nscans (mean ${scan_ms} ms, $scan_bytes B)"
}

heap_info() { # FILE WHEN: Resolute's Java heap (committed vs used; no GC forced), to read its RSS against
  local jcmd; jcmd="$(dirname "$(readlink -f "/proc/$server_pid/exe")")/jcmd"
  { echo "== $2"; "$jcmd" "$server_pid" GC.heap_info 2>&1 | tail -n +2; } >> "$1" || true
}

bench_server() { # NAME SIZE
  local name=$1 size=$2 dir="$work/$1-$2"
  log "$name, $size invocations"
  mkdir -p "$dir"
  start_services "$dir/node.txt"
  start_server "$name" "$dir"
  register "$dir"
  fill "$name" "$size" "$dir"
  sleep 3
  run_queries "$name" "$size"
  [ "$name" = resolute ] && heap_info "$RESULTS/logs/$name-$size-heap.txt" "after the queries"
  if [ "$LOAD_RUNS" = 1 ]; then
    load_run "$name" "$size" alone
    load_run "$name" "$size" scan
  fi
  [ "$name" = resolute ] && heap_info "$RESULTS/logs/$name-$size-heap.txt" "at the end"
  local peak; peak=$(status_kb "$server_pid" VmHWM)
  stop_pid "$server_pid"
  stop_pid "$node_pid"
  sed 's/\x1b\[[0-9;]*m//g' "$dir/stderr.txt" | grep -E -A3 '\bERROR\b|Exception|WARN' | head -200 > "$RESULTS/logs/$name-$size-stderr-excerpt.txt" || true
  echo "load average after $name $size: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RESULTS/load.txt"
  rm -rf "$dir"
}

machine_facts() {
  local java
  java=$(JAVA_HOME="${JAVA_HOME:-}" bash -c ". '$RESOLUTE_BUNDLE/bin/find-java' && resolute_find_java && echo \$RESOLUTE_JAVA_HOME/bin/java")
  {
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores; memory $(free -m | awk '/Mem:/ {printf "%.1f GiB", $2 / 1024}'); kernel $(uname -r)"
    echo "- JDK (Resolute launcher): $("$java" -version 2>&1 | sed -n 2p); Node $(node --version); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
    echo "- official: $("$RESTATE_SERVER_BIN" --version 2>&1 | head -1) (native binary, run directly; default RocksDB settings)"
    echo "- Resolute: $RESOLUTE_BUNDLE (default storage and query-engine settings)"
    echo "- settings: sizes $SIZES; fill with $FILL_CONNS concurrent sends over $FILL_KEYS keys per object; $REPS runs per query;" \
      "Flow/noop load wrk -t2 -c$P99_CONNS for $P99_SECONDS s; scan: \`$SCAN_QUERY\` (JSON)"
  } > "$RESULTS/machine.md"
}

# ---------------------------------------------------------------- main
printf 'server\tsize\tcompleted\tsend_ms\tfill_ms\tfill_rate\tserver_cpu_ms\tnode_cpu_ms\tdisk_kb\tloadavg1\n' > "$RESULTS/fill.tsv"
printf 'server\tsize\tquery\trun\tcode\tms\tbytes\tcpu_ms_per_query\tpeak_rss_kb\trss_file_kb\trss_before_kb\tloadavg1\n' > "$RESULTS/queries.tsv"
printf 'server\tsize\tmode\trequests\trps\tp50_us\tp99_us\tmax_us\terrors\tserver_cpu_ms\tpeak_rss_kb\tscans\tscan_ms\tscan_bytes\tloadavg1\n' > "$RESULTS/load.tsv"
machine_facts
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" > "$RESULTS/load.txt"
t_begin=$(now_ms)
i=0
for size in $SIZES; do
  read -r -a order <<< "$SERVERS"
  if [ $((i % 2)) = 1 ]; then order=($(printf '%s\n' "${order[@]}" | tac)); fi
  for s in "${order[@]}"; do bench_server "$s" "$size"; done
  i=$((i + 1))
done
echo "wall time: $(( ($(now_ms) - t_begin) / 1000 )) s" >> "$RESULTS/load.txt"
node "$here/summarize.js" "$RESULTS" > "$RESULTS/summary.md"
cat "$RESULTS/summary.md"
log "results in $RESULTS"
