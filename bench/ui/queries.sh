# Sourced by bench/sql/run.sh (BENCH_QUERIES) in place of its run_queries: the web UI's list views.
# The Restate UI names its counts "count"; Resolute's SQL parser takes that for the function, so both servers get "n".
# Rows go to queries.tsv as the SQL benchmark's do; labels starting "ui " are Resolute's /ui/api endpoints (GET), the
# others the Restate UI's SQL over POST /query, run against both servers.

# The Restate UI's status buckets over sys_invocation_status joined with sys_invocation_state (web-ui.md §1.4).
UI_STATUS="CASE WHEN ss.status = 'inboxed' THEN 'pending' WHEN ss.status = 'scheduled' THEN 'scheduled' \
WHEN ss.status = 'invoked' AND sis.in_flight THEN 'running' \
WHEN ss.status = 'invoked' AND COALESCE(sis.retry_count, 0) > 0 THEN 'backing-off' WHEN ss.status = 'invoked' THEN 'ready' \
WHEN ss.status = 'completed' AND ss.completion_result = 'success' THEN 'succeeded' \
WHEN ss.status = 'completed' AND LOWER(ss.completion_failure) = '[409] killed' THEN 'killed' \
WHEN ss.status = 'completed' AND LOWER(ss.completion_failure) IN ('[409] canceled', '[409] cancelled') THEN 'cancelled' \
WHEN ss.status = 'completed' THEN 'failed' ELSE ss.status END"
UI_FROM="FROM sys_invocation_status ss LEFT JOIN (SELECT id AS state_id, in_flight, retry_count FROM sys_invocation_state) sis ON sis.state_id = ss.id"
UI_COLUMNS="id, target, target_service_name, target_service_key, target_handler_name, target_service_ty, status, \
completion_result, completion_failure, created_at, modified_at, scheduled_start_at, running_at, completed_at, \
invoked_by, invoked_by_service_name, invoked_by_id, invoked_by_target, pinned_deployment_id, last_attempt_deployment_id, \
journal_size, journal_commands_size, retry_count, next_retry_at, last_failure, idempotency_key, restarted_from"

# get PATH OUTFILE: GET on the admin port; prints "<http code> <seconds> <bytes>"
get() {
  curl -s -o "$2" --max-time 600 -w '%{http_code} %{time_total} %{size_download}' "$admin$1" || echo "000 0 0"
}

# two_step STEP1_SQL OUTFILE: the list's candidate ids, then their rows; prints "<code> <seconds> <bytes>" of both
two_step() {
  local r1 r2 c1 s1 b1 c2 s2 b2 ids
  r1=$(query "$1" application/json "$work/ids.json")
  read -r c1 s1 b1 <<< "$r1"
  ids=$(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).rows||[];console.log(r.map(x=>"'"'"'"+x.id+"'"'"'").join(","))' \
    "$work/ids.json" 2>/dev/null || true)
  if [ "$c1" != 200 ] || [ -z "$ids" ]; then echo "$r1"; : > "$2"; return; fi
  r2=$(query "SELECT $UI_COLUMNS FROM sys_invocation WHERE id IN ($ids) ORDER BY created_at DESC" application/json "$2")
  read -r c2 s2 b2 <<< "$r2"
  echo "$c2 $(awk -v a="$s1" -v b="$s2" 'BEGIN {print a + b}') $((b1 + b2))"
}

run_queries() { # NAME SIZE
  local name=$1 size=$2
  if [ "$name" = resolute ]; then
    measure "$name" "$size" "ui first page" get "/ui/api/invocations?limit=50"
    measure "$name" "$size" "ui Flow failed" get "/ui/api/invocations?limit=50&service=Flow&status=failed"
    measure "$name" "$size" "ui LazyTally succeeded" get "/ui/api/invocations?limit=50&service=LazyTally&status=succeeded"
    measure "$name" "$size" "ui count" get "/ui/api/invocations/count"
    measure "$name" "$size" "ui summary" get "/ui/api/summary"
  fi
  measure "$name" "$size" "sql first page" two_step "SELECT ss.id AS id $UI_FROM ORDER BY ss.created_at DESC LIMIT 50"
  measure "$name" "$size" "sql Flow failed" two_step \
    "SELECT ss.id AS id $UI_FROM WHERE ss.target_service_name IN ('Flow') AND ($UI_STATUS) = 'failed' ORDER BY ss.created_at DESC LIMIT 50"
  measure "$name" "$size" "sql LazyTally succeeded" two_step \
    "SELECT ss.id AS id $UI_FROM WHERE ss.target_service_name IN ('LazyTally') AND ($UI_STATUS) = 'succeeded' ORDER BY ss.created_at DESC LIMIT 50"
  measure "$name" "$size" "sql count" query_arrow "SELECT COUNT(1) AS n $UI_FROM"
  measure "$name" "$size" "sql summary" query_json \
    "SELECT ss.target_service_name AS service_name, $UI_STATUS AS bucket, COUNT(1) AS n $UI_FROM GROUP BY ss.target_service_name, bucket"
}
