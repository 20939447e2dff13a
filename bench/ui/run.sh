#!/usr/bin/env bash
# Web UI list benchmark: the invocation list's first page, a filtered page, the count and the overview's summary over
# N stored completed invocations, Resolute's /ui/api endpoints beside the official restate-server answering the Restate
# UI's own SQL for the same views (reference web-ui.md §1.3: the list's two steps, candidate ids then their rows).
#
# Usage: bench/ui/run.sh [RESOLUTE_BUNDLE [RESTATE_SERVER_BIN]]
#
# It is bench/sql/run.sh (same servers, fill, machine facts, results layout; see its header for every setting) with
# this folder's queries.sh in place of the SQL benchmark's queries and no invocation-load runs. Useful settings:
#   SIZES="100000"   numbers of stored completed invocations (1000000 takes about 15-20 min to fill per server)
#   REPS=10          runs of each measurement
#   RESULTS          results dir (default bench/ui/results/<timestamp>)
# Resolute's bundle must serve /ui/api (the ui plugin); without it the ui rows answer 404 and are reported as errors.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export BENCH_QUERIES="$here/queries.sh" LOAD_RUNS=0
export SIZES="${SIZES:-100000}" RESULTS="${RESULTS:-$here/results/$(date +%Y%m%d-%H%M%S)}"
exec "$here/../sql/run.sh" "$@"
