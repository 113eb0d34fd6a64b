-- wrk script for the throughput runs: no per-response hook (so wrk stays as fast as without a script),
-- only a machine-readable summary at the end.
function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT requests=%d\nRESULT rps=%.0f\nRESULT p50_ms=%.3f\nRESULT p99_ms=%.3f\nRESULT max_ms=%.3f\n",
    summary.requests, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
  io.write(string.format("RESULT socket_errors=%d\nRESULT non2xx=%d\n",
    e.connect + e.read + e.write + e.timeout, e.status))
end
