-- wrk script for the engine benchmark: POSTs $BENCH_PATH with body $BENCH_BODY (JSON).
-- If $BENCH_PATH contains "{key}" it is replaced by k0..k(N-1), N = $BENCH_KEYS, chosen per request
-- (round robin, offset per thread). done() prints one machine-readable line.
local path = os.getenv("BENCH_PATH") or "/Flow/noop"
local body = os.getenv("BENCH_BODY")
if body == "" then body = nil end
local keys = tonumber(os.getenv("BENCH_KEYS") or "0")
local headers = {}
if body then headers["content-type"] = "application/json" end

local counter = 0
local fixed = nil

function setup(thread)
  thread:set("offset", math.random(0, 1000))
end

function init(args)
  counter = tonumber(offset or 0) or 0
  headers["Host"] = wrk.headers["Host"] or (wrk.host .. ":" .. wrk.port)
  if keys <= 1 then
    fixed = wrk.format("POST", (path:gsub("{key}", "k1")), headers, body)
  end
end

function request()
  if fixed then return fixed end
  counter = counter + 1
  return wrk.format("POST", (path:gsub("{key}", "k" .. (counter % keys))), headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.1f connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
