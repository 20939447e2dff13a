-- wrk script for the engine benchmark: POSTs $BENCH_PATH with body $BENCH_BODY (JSON).
-- If $BENCH_PATH contains "{key}" it is replaced by k0..k(N-1), N = $BENCH_KEYS, chosen per request
-- (round robin, offset per thread). "{unique}" in $BENCH_PATH is replaced by a key no other request of
-- any run uses (a fresh workflow id). BENCH_IDEMPOTENT=1 adds a unique idempotency-key header.
-- BENCH_THEN_ATTACH=1: the path is a /send; each accepted send's invocation id is queued and a later request
-- of the thread GETs /restate/invocation/<id>/attach instead (so half the requests are attaches).
-- done() prints one machine-readable line.
local path = os.getenv("BENCH_PATH") or "/Flow/noop"
local body = os.getenv("BENCH_BODY")
if body == "" then body = nil end
local keys = tonumber(os.getenv("BENCH_KEYS") or "0")
local headers = {}
if body then headers["content-type"] = "application/json" end

local idempotent = os.getenv("BENCH_IDEMPOTENT") == "1"
local thenAttach = os.getenv("BENCH_THEN_ATTACH") == "1"
local unique = path:find("{unique}", 1, true) ~= nil

local counter = 0
local fixed = nil
local sent = {}
local threads = 0
local salt = tostring(os.time()) .. "-" .. tostring(math.random(0, 1000000))

function setup(thread)
  threads = threads + 1
  thread:set("offset", math.random(0, 1000))
  thread:set("tag", salt .. "-" .. threads)
end

function init(args)
  counter = tonumber(offset or 0) or 0
  headers["Host"] = wrk.headers["Host"] or (wrk.host .. ":" .. wrk.port)
  if keys <= 1 and not (unique or idempotent or thenAttach) then
    fixed = wrk.format("POST", (path:gsub("{key}", "k1")), headers, body)
  end
end

function request()
  if fixed then return fixed end
  counter = counter + 1
  if thenAttach and #sent > 0 then
    return wrk.format("GET", "/restate/invocation/" .. table.remove(sent, 1) .. "/attach", { Host = headers["Host"] })
  end
  local id = tag .. "-" .. counter
  local p = path:gsub("{key}", "k" .. (counter % math.max(keys, 1))):gsub("{unique}", id)
  if idempotent then headers["idempotency-key"] = id end
  return wrk.format("POST", p, headers, body)
end

if thenAttach then
  function response(status, headers, body)
    local id = body and body:match('"invocationId":"([^"]+)"')
    if status == 202 and id then sent[#sent + 1] = id end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.1f connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
