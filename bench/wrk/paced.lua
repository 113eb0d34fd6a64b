-- wrk script for a fixed request rate (Debian's wrk 4.1 has no -R): every thread books send slots
-- 1/rate apart on a monotonic clock and each connection waits for its slot (wrk's delay() hook) before it sends.
-- A connection that falls behind sends at once; slots are never made up in a burst.
-- Usage: wrk -t T -c C -d D -s paced.lua URL -- <requests per second per thread>
-- Counts the answers by status code; prints RESULT lines in done().
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  period = 1000 / tonumber(args[1] or "100")
  next_slot = now_ms()
  statuses = {}
end

function delay()
  local now = now_ms()
  local slot = math.max(next_slot, now)
  next_slot = slot + period
  return math.floor(slot - now + 0.5)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local total = {}
  for _, t in ipairs(threads) do
    for code, n in pairs(t:get("statuses")) do
      total[code] = (total[code] or 0) + n
    end
  end
  local list = {}
  for code, n in pairs(total) do
    table.insert(list, code .. ":" .. n)
  end
  table.sort(list)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d\nRESULT rps=%.0f\nRESULT p50_ms=%.3f\nRESULT p99_ms=%.3f\nRESULT max_ms=%.3f\n",
    summary.requests, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
  io.write(string.format("RESULT socket_errors=%d\nRESULT statuses=%s\nRESULT status_500=%d\n",
    e.connect + e.read + e.write + e.timeout, table.concat(list, ","), total[500] or 0))
end
