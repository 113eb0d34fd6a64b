#!/usr/bin/env bash
# What each watched project costs: the adapter's jar watches N projects of the simulated GitLab (each with a pending
# and a running job), polled every INTERVAL, for MINUTES; then its RSS, its heap after a full GC, and the classes that
# fill it (jcmd GC.class_histogram). Usage: bench/memory.sh [N=2000] [MINUTES=5] [INTERVAL=30s]
# Writes bench/results/memory-N.txt. JVM options as the chart's pod: BENCH_JAVA_OPTS, as in run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
MINUTES=${2:-5}
INTERVAL=${3:-30s}
PORT_BASE=${BENCH_PORT_BASE:-18400}
SIM_PORT=$((PORT_BASE + 21))
A_PORT=$((PORT_BASE + 22))
JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:MaxRAM=256m -XX:MaxRAMPercentage=50 -XX:+UseSerialGC}
JAR=target/quarkus-app/quarkus-run.jar
WORK=$(mktemp -d)
OUT=bench/results/memory-$N.txt
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
mkdir -p "$WORK/classes" bench/results
javac -d "$WORK/classes" bench/SimGitLab.java
java -Xmx256m -cp "$WORK/classes" SimGitLab "$SIM_PORT" >"$WORK/sim.log" 2>&1 &
PIDS+=($!)
until curl -sf -o /dev/null "http://127.0.0.1:$SIM_PORT/_sim/stats"; do sleep 0.2; done
ids=$(seq -s, 1 "$N")
for start in $(seq 1 500 "$N"); do # a pending and a running job in every project, 500 projects a call
  batch=$(seq -s, "$start" $((start + 499 > N ? N : start + 499)))
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$SIM_PORT/_sim/pipeline?projects=$batch&tags=docker"
done
env GITLAB_URL="http://127.0.0.1:$SIM_PORT" GITLAB_TOKEN=bench-token QUARKUS_HTTP_HOST=127.0.0.1 \
  QUARKUS_HTTP_PORT="$A_PORT" ADAPTER_PROJECTS="$ids" ADAPTER_POLL_INTERVAL="$INTERVAL" \
  ADAPTER_MAX_STALENESS=10m GITLAB_REQUESTS_PER_MINUTE=100000 ADAPTER_POLL_CONCURRENCY=8 \
  java $JAVA_OPTS -jar "$JAR" >"$WORK/adapter.log" 2>&1 &
APID=$!
PIDS+=($APID)
until curl -sf -o /dev/null "http://127.0.0.1:$A_PORT/q/health/live"; do
  kill -0 "$APID" 2>/dev/null || { tail -20 "$WORK/adapter.log"; exit 1; }
  sleep 0.5
done
end=$(( $(date +%s) + MINUTES * 60 ))
while [ "$(date +%s)" -lt "$end" ]; do # readers: the list, the status page and a scrape every 5 s
  curl -sf -o /dev/null "http://127.0.0.1:$A_PORT/queues" || true
  curl -sf -o /dev/null "http://127.0.0.1:$A_PORT/status/queues" || true
  curl -sf -o /dev/null "http://127.0.0.1:$A_PORT/q/metrics" || true
  sleep 5
done
{
  echo "N=$N projects, $MINUTES min, poll interval $INTERVAL, JVM $JAVA_OPTS"
  echo "RSS kB: $(awk '/VmRSS/ {print $2}' "/proc/$APID/status")"
  echo "metrics lines: $(curl -sf "http://127.0.0.1:$A_PORT/q/metrics" | wc -l)"
  echo "status page bytes: $(curl -sf "http://127.0.0.1:$A_PORT/status/queues" | wc -c)"
  echo "polls: $(curl -sf "http://127.0.0.1:$SIM_PORT/_sim/stats" | head -c 300)"
  jcmd "$APID" GC.run >/dev/null
  jcmd "$APID" GC.heap_info
  jcmd "$APID" GC.class_histogram | head -45
  jcmd "$APID" VM.native_memory summary 2>/dev/null | grep -E "committed=" | head -25 || true
  grep -i "heap\|memory\|series" "$WORK/adapter.log" | head -5 || true
} >"$OUT"
cat "$OUT"
