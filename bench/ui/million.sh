#!/usr/bin/env bash
# The invocation list's first page over HTTP with SIZE stored invocations, Resolute only, without filling through an SDK
# (at the 150-1,000 invocations/s an SDK fill reaches, 1,000,000 takes 20 min to hours): a server makes its node
# directory and stops; InvocationListsScale writes SIZE completed invocations into it through the partition state
# machines (and prints its in-process timings); the server starts again on that store and each /ui/api call is timed.
#
# Usage: bench/ui/million.sh RESOLUTE_BUNDLE      (the bundle must hold the ui plugin)
#   SIZE=1000000  REPS=10  WARMUP=3 (calls of each endpoint before the timed ones)  RESULTS=bench/ui/results/million-<timestamp>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bundle="$(cd "${1:?usage: million.sh RESOLUTE_BUNDLE}" && pwd)"
SIZE="${SIZE:-1000000}"
REPS="${REPS:-10}"
WARMUP="${WARMUP:-3}"
RESULTS="${RESULTS:-$here/results/million-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$RESULTS"
work="$(mktemp -d "${TMPDIR:-/tmp}/resolute-ui-million.XXXXXX")"
pid=""
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
log() { echo "[ui-million $(date +%H:%M:%S)] $*" >&2; }

start() { # starts the server on $work/data; sets pid, admin
  read -r admin_port ingress_port fabric_port pgwire_port <<< "$(node -e 'const n=require("net");(async()=>{const s=[];for(let i=0;i<4;i++){const x=n.createServer();await new Promise(r=>x.listen(0,"127.0.0.1",r));s.push(x)}console.log(s.map(x=>x.address().port).join(" "));s.forEach(x=>x.close())})()')"
  admin="http://127.0.0.1:$admin_port"
  env RESTATE_BIND_IP=127.0.0.1 RESTATE_BIND_PORT="$fabric_port" RESTATE_ADMIN__BIND_PORT="$admin_port" \
    RESTATE_INGRESS__BIND_PORT="$ingress_port" RESTATE_PGWIRE__BIND_PORT="$pgwire_port" \
    "$bundle/bin/restate-server" --no-logo --listen-mode tcp --node-name n1 --base-dir "$work/data" >> "$RESULTS/server.log" 2>&1 &
  pid=$!
  local t0=$SECONDS
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$admin/health" || true)" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$RESULTS/server.log"; exit 1; }
    [ $((SECONDS - t0)) -lt 600 ] || { log "not healthy within 600 s"; exit 1; }
    sleep 0.2
  done
  log "server up in $((SECONDS - t0)) s"
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

start
stop
log "writing $SIZE invocations into $work/data/n1"
(cd "$root" && JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}" \
  MAVEN_OPTS="${MAVEN_OPTS:-} -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow" \
  mvn -B -o verify -pl plugins/worker -am -Dtest=InvocationListsScale -Dsurefire.failIfNoSpecifiedTests=false \
  -Dlists.bench.size="$SIZE" -Dlists.bench.dir="$work/data/n1") > "$RESULTS/fill.log" 2>&1
grep LISTS-BENCH "$RESULTS/fill.log" | tee "$RESULTS/in-process.txt"
start
printf 'call\tms_min\tms_median\tms_max\tbytes\n' > "$RESULTS/http.tsv"
for call in "/ui/api/invocations?limit=50" "/ui/api/invocations?limit=50&service=Flow&status=failed" \
    "/ui/api/invocations?limit=50&service=LazyTally&status=succeeded" "/ui/api/invocations/count" "/ui/api/summary" "/ui/api/errors"; do
  times=()
  for i in $(seq 1 "$WARMUP"); do curl -s -o /dev/null "$admin$call"; done
  for i in $(seq 1 "$REPS"); do
    read -r code secs bytes <<< "$(curl -s -o "$work/out" -w '%{http_code} %{time_total} %{size_download}' "$admin$call")"
    [ "$code" = 200 ] || log "$call: HTTP $code $(head -c 200 "$work/out")"
    times+=("$(awk -v s="$secs" 'BEGIN {printf "%.1f", s * 1000}')")
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  printf '%s\t%s\t%s\t%s\t%s\n' "$call" "${sorted[0]}" "${sorted[$((REPS / 2))]}" "${sorted[$((REPS - 1))]}" "$bytes" | tee -a "$RESULTS/http.tsv"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')" | tee -a "$RESULTS/http.tsv"
stop
