#!/usr/bin/env bash
# What each watched project costs: the adapter's jar watches N projects of the simulated GitLab (each with a pending
# and a running job), polled every INTERVAL, for MINUTES, while work moves (every minute a pipeline starts in 200 of
# the projects, the last minute's jobs start running and the minute before's finish) and readers read (the list, the
# status page and a scrape every 5 s); then its RSS (at the end and the highest sampled), its heap after a full GC,
# and the classes that fill it (jcmd GC.class_histogram).
#
#   bench/memory.sh [N=2000] [MINUTES=5] [INTERVAL=30s]
#
# Writes bench/results/memory-N.txt. The JVM: BENCH_JAVA (default: java on the PATH) with BENCH_JAVA_OPTS (default:
# Dockerfile.jvm's memory options in the chart's 256Mi pod, as run.sh); MALLOC_ARENA_MAX as the image sets it.
# BENCH_AOT=1 runs it as Dockerfile.jvm's image does: the aot-jar layout (built into target/aot-jar) with an AOT cache
# trained by one run of that JDK with the same options (needs JDK 25: BENCH_JAVA).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
MINUTES=${2:-5}
INTERVAL=${3:-30s}
PORT_BASE=${BENCH_PORT_BASE:-18400}
SIM_PORT=$((PORT_BASE + 21))
A_PORT=$((PORT_BASE + 22))
source bench/lib.sh
JAVA=${BENCH_JAVA:-java}
JAVA_OPTS=${BENCH_JAVA_OPTS:-$(pod_java_opts "$JAVA")}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-$(pod_env MALLOC_ARENA_MAX)}
JCMD=$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd
WORK=$(mktemp -d)
OUT=bench/results/memory-$N.txt
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
mkdir -p "$WORK/classes" bench/results
javac -d "$WORK/classes" bench/SimGitLab.java
java -Xmx512m -cp "$WORK/classes" SimGitLab "$SIM_PORT" >"$WORK/sim.log" 2>&1 &
PIDS+=($!)
until curl -sf -o /dev/null "http://127.0.0.1:$SIM_PORT/_sim/stats"; do sleep 0.2; done

# the adapter, as the image runs it; $1: the project ids it watches, the rest: java's options before -jar
adapter() {
  local projects=$1
  shift
  env GITLAB_URL="http://127.0.0.1:$SIM_PORT" GITLAB_TOKEN=bench-token QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_HTTP_PORT="$A_PORT" ADAPTER_PROJECTS="$projects" ADAPTER_POLL_INTERVAL="$INTERVAL" \
    ADAPTER_MAX_STALENESS=10m GITLAB_REQUESTS_PER_MINUTE=100000 ADAPTER_POLL_CONCURRENCY=8 \
    "$JAVA" $JAVA_OPTS "$@" -jar "$JAR" >>"$WORK/adapter.log" 2>&1 &
  APID=$!
  PIDS+=($APID)
  until curl -sf -o /dev/null "http://127.0.0.1:$A_PORT/q/health/live"; do
    kill -0 "$APID" 2>/dev/null || { tail -20 "$WORK/adapter.log"; exit 1; }
    sleep 0.5
  done
}

JAR=target/quarkus-app/quarkus-run.jar
AOT_OPTS=()
if [ "${BENCH_AOT:-0}" = 1 ]; then
  if [ ! -f target/aot-jar/quarkus-run.jar ] || [ target/quarkus-app/quarkus-run.jar -nt target/aot-jar/quarkus-run.jar ]; then
    ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=aot-jar
  fi
  JAR=target/aot-jar/quarkus-run.jar
  rm -f "$WORK/app.aot"
  adapter 1 "-XX:AOTCacheOutput=$WORK/app.aot" # the training, as Dockerfile.jvm's: ready, a few reads, a TERM
  for path in /queues /queues/projects/1 /q/health/ready /q/metrics; do
    curl -s -o /dev/null "http://127.0.0.1:$A_PORT$path" || true
  done
  kill -TERM "$APID"
  wait "$APID" || true
  [ -s "$WORK/app.aot" ] || { tail -20 "$WORK/adapter.log"; echo "no AOT cache was written" >&2; exit 1; }
  AOT_OPTS=("-XX:AOTCache=$WORK/app.aot")
fi

for start in $(seq 1 500 "$N"); do # a pending and a running job in every project, 500 projects a call
  batch=$(seq -s, "$start" $((start + 499 > N ? N : start + 499)))
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$SIM_PORT/_sim/pipeline?projects=$batch&tags=docker"
done
adapter "$(seq -s, 1 "$N")" "${AOT_OPTS[@]}"

# every minute: a pipeline in the next 200 projects, the last minute's jobs running, the minute before's finished
WINDOW=$((N < 200 ? N : 200))
started=() # "project:job" of the last minute's pipelines
running=()
churn() {
  local first=$(( (minute * WINDOW) % N + 1 )) batch ids p i=0
  for pj in "${running[@]}"; do
    curl -sf -o /dev/null -X POST "http://127.0.0.1:$SIM_PORT/_sim/move?project=${pj%%:*}&id=${pj##*:}&status=success" || true
  done
  running=()
  for pj in "${started[@]}"; do
    curl -sf -o /dev/null -X POST "http://127.0.0.1:$SIM_PORT/_sim/move?project=${pj%%:*}&id=${pj##*:}&status=running&runner=7" || true
    running+=("$pj")
  done
  started=()
  batch=$(for ((p = 0; p < WINDOW; p++)); do echo $(( (first - 1 + p) % N + 1 )); done | paste -sd,)
  ids=$(curl -sf -X POST "http://127.0.0.1:$SIM_PORT/_sim/pipeline?projects=$batch&tags=docker" \
    | sed 's/.*"ids":\[//' | grep -o '[0-9]\+' || true)
  IFS=, read -r -a projects <<<"$batch"
  for id in $ids; do
    started+=("${projects[$i]}:$id")
    i=$((i + 1))
  done
}
rss() { rss_kb "$APID"; }
peak=0
minute=0
t0=$(date +%s)
end=$((t0 + MINUTES * 60))
next_churn=$t0
while [ "$(date +%s)" -lt "$end" ]; do
  if [ "$(date +%s)" -ge "$next_churn" ]; then
    churn
    minute=$((minute + 1))
    next_churn=$((t0 + minute * 60))
  fi
  curl -sf -o /dev/null "http://127.0.0.1:$A_PORT/queues" || true
  curl -sf -o /dev/null "http://127.0.0.1:$A_PORT/status/queues" || true
  curl -sf -o /dev/null "http://127.0.0.1:$A_PORT/q/metrics" || true
  r=$(rss)
  [ "$r" -gt "$peak" ] && peak=$r
  sleep 5
done
cpu_s=$(awk '{ printf "%.0f", ($14 + $15) / 100 }' "/proc/$APID/stat")
{
  echo "N=$N projects, $MINUTES min, poll interval $INTERVAL, $("$JAVA" -version 2>&1 | head -1), JVM $JAVA_OPTS ${AOT_OPTS[*]:+(AOT cache)}, MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX"
  echo "RSS kB: $(rss) at the end, $peak the highest sampled"
  echo "CPU s: $cpu_s (user + system, since start)"
  echo "metrics lines: $(curl -sf "http://127.0.0.1:$A_PORT/q/metrics" | wc -l)"
  echo "status page bytes: $(curl -sf "http://127.0.0.1:$A_PORT/status/queues" | wc -c)"
  echo "polls: $(curl -sf "http://127.0.0.1:$SIM_PORT/_sim/stats" | head -c 300)"
  "$JCMD" "$APID" GC.run >/dev/null
  "$JCMD" "$APID" GC.heap_info
  "$JCMD" "$APID" GC.class_histogram | head -45
  "$JCMD" "$APID" VM.native_memory summary 2>/dev/null | grep -E "committed=" | head -25 || true
  echo "RSS by mapping (kB; [anon] is the heap, metaspace, stacks and malloc together):"
  awk '/^[0-9a-f]+-[0-9a-f]+ / { name = ($6 == "" ? "[anon]" : $6) } /^Rss:/ { rss[name] += $2 }
    END { for (n in rss) if (rss[n] >= 1024) print rss[n], n }' "/proc/$APID/smaps" | sort -rn | head -8
  echo "largest anonymous mappings (kB RSS, kB size):"
  awk '/^[0-9a-f]+-[0-9a-f]+ / { anon = ($6 == "") } /^Size:/ { size = $2 }
    /^Rss:/ { if (anon && $2 >= 2048) print $2, size }' "/proc/$APID/smaps" | sort -rn | head -12
  grep -i "heap\|memory" "$WORK/adapter.log" | head -5 || true
} >"$OUT"
cat "$OUT"
