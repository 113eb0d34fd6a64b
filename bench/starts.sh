#!/usr/bin/env bash
# Start-up of gitlab-queue-adapter, side by side (scenario 4 of bench/run.sh, which runs this; see bench/README.md):
#
#   bench/starts.sh            5 rounds of one fresh start of each JVM variant, median; about 5 minutes on 2 cores
#   bench/starts.sh --quick    1 round (CI)
#
# Each start: JVM launched -> first 200 of /q/health/ready (the first poll of one project done), against a simulated
# GitLab on loopback. Variants, each with the adapter JVM options BENCH_JAVA_OPTS (the 256Mi pod's):
#   jdk17         the default `java` (JDK 17 on the CI machines), target/quarkus-app (fast-jar)
#   jdk17-cds     the same with an AppCDS archive made by one run (-XX:ArchiveClassesAtExit), and with that and C1 only
#   jdk25         BENCH_JAVA25 (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java), the same fast-jar
#   jdk25-aot     BENCH_JAVA25 with an AOT cache (JEP 483/514/515), as Dockerfile.jvm's image runs: the aot-jar
#                 layout (built into target/aot-jar), its cache trained by one run of that JDK with -XX:AOTCacheOutput
#                 (started, ready, a few reads, stopped), and that cache with C1 only (-XX:TieredStopAtLevel=1)
# Without a JDK 25 the two JDK 25 rows say so and the run goes on.
#
# Writes the table's rows (markdown) to --rows FILE (default: stdout); logs, raw times and the RSS of the last jdk17
# start IDLE_S seconds after ready (starts-idle-kb.txt) go to --work DIR (default: a new temp dir).
# Ports: BENCH_PORT_BASE + 5 (simulated GitLab) and + 13 (the adapter).
set -euo pipefail

cd "$(dirname "$0")/.."
QUICK=0
ROWS_FILE=/dev/stdout
WORK=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --rows) ROWS_FILE=$2; shift ;;
    --work) WORK=$2; shift ;;
    *) echo "usage: bench/starts.sh [--quick] [--rows FILE] [--work DIR]" >&2; exit 2 ;;
  esac
  shift
done

BASE=${BENCH_PORT_BASE:-18400}
SIM_PORT=$((BASE + 5))
PORT=$((BASE + 13))
JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:MaxRAM=256m -XX:MaxRAMPercentage=50 -XX:+UseSerialGC}
JAVA25=${BENCH_JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=target/quarkus-app/quarkus-run.jar
AOT_DIR=target/aot-jar
if [ "$QUICK" = 1 ]; then STARTS=1; IDLE_S=3; else STARTS=5; IDLE_S=10; fi

T0=$(date +%s)
log() { printf '[starts %4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
OWN_WORK=0
if [ -z "$WORK" ]; then WORK=$(mktemp -d /tmp/gqa-starts.XXXXXX); OWN_WORK=1; fi
PIDS=()
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ "$OWN_WORK" = 1 ] && log "logs in $WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# shellcheck source=bench/lib.sh
. bench/lib.sh

for p in $SIM_PORT $PORT; do port_free "$p" || die "port $p is taken (set BENCH_PORT_BASE)"; done
secs() { awk -v m="$1" 'BEGIN { if (m == "-") print "-"; else printf "%.2f s", m / 1000 }'; }
version_of() { "$1" -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/'; }

if [ ! -f "$JAR" ]; then
  log "building $JAR"
  ./mvnw -B -q package -DskipTests >"$WORK/build.log" 2>&1 || die "build failed, see $WORK/build.log"
fi
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" bench/SimGitLab.java || die "javac failed"
java -Xmx128m -cp "$WORK/classes" SimGitLab "$SIM_PORT" >"$WORK/starts-sim.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$SIM_PORT/_sim/stats" && break; sleep 0.1; done
curl -sf -XPOST "http://127.0.0.1:$SIM_PORT/_sim/seed?project=4&pending=12&running=3" >/dev/null \
  || die "simulated GitLab on $SIM_PORT did not start"

# launch NAME DIR JAVA OPTS...: starts the adapter from DIR/quarkus-run.jar (in DIR: the AOT cache's class path is
# the jar's); sets PID and START_NS
launch() {
  local name=$1 dir=$2 java=$3
  shift 3
  START_NS=$(date +%s%N)
  (cd "$dir" && exec env GITLAB_URL="http://127.0.0.1:$SIM_PORT" GITLAB_TOKEN=bench-token QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_HTTP_PORT="$PORT" ADAPTER_PROJECTS=4 ADAPTER_POLL_INTERVAL=15s \
    "$java" $JAVA_OPTS "$@" -jar quarkus-run.jar >"$WORK/$name.log" 2>&1) &
  PID=$!
  PIDS+=($PID)
}

# ready: prints milliseconds from START_NS to the first 200 of /q/health/ready
ready() { ready_after "$PORT" "$PID" 90 "$START_NS"; }

# one VARIANT ROUND DIR JAVA OPTS...: one fresh start; appends "ready_ms started_s" to $WORK/starts-VARIANT.txt
one() {
  local variant=$1 round=$2 dir=$3 java=$4
  shift 4
  launch "start-$variant-$round" "$dir" "$java" "$@"
  local ms started
  ms=$(ready)
  started=$(sed -n 's/.*started in \([0-9.]*\)s.*/\1/p' "$WORK/start-$variant-$round.log" | head -1)
  if [ "$variant" = jdk17 ] && [ "$round" = "$STARTS" ]; then
    sleep "$IDLE_S"
    rss_kb "$PID" >"$WORK/starts-idle-kb.txt"
  fi
  stop_pid "$PID"
  echo "$ms ${started:-0}" >>"$WORK/starts-$variant.txt"
}
med() { awk "{ print \$$2 }" "$WORK/starts-$1.txt" | median; }

J17=$(command -v java)
# a class-data sharing archive of this jar (JDK 17: made by one run with -XX:ArchiveClassesAtExit), and that archive
# with the C1 compiler only: what a JDK 17 deployment can do short of the native image
launch cds-dump target/quarkus-app "$J17" "-XX:ArchiveClassesAtExit=$WORK/app.jsa"
ready >/dev/null
stop_pid "$PID"
[ -s "$WORK/app.jsa" ] || die "no class-data sharing archive was written"
VARIANTS="jdk17 jdk17-cds jdk17-cds-c1"

HAVE25=0
if [ -x "$JAVA25" ] && [ "$(version_of "$JAVA25" | cut -d. -f1)" -ge 25 ] 2>/dev/null; then
  HAVE25=1
  v25=$(version_of "$JAVA25")
  # the image's way: the aot-jar layout (every class on the class path, where the cache can hold it), trained by
  # one run of the JDK that runs it, with the options it runs with
  if [ ! -f "$AOT_DIR/quarkus-run.jar" ] || [ "$JAR" -nt "$AOT_DIR/quarkus-run.jar" ]; then
    log "building $AOT_DIR (-Dquarkus.package.jar.type=aot-jar)"
    ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=aot-jar \
      >"$WORK/build-aot.log" 2>&1 || die "aot-jar build failed, see $WORK/build-aot.log"
  fi
  rm -f "$AOT_DIR/app.aot"
  train_start=$(date +%s%N)
  # the training, as Dockerfile.jvm's: a start, until ready, a few reads, and a TERM: the JVM writes the cache as it
  # exits
  launch aot-training "$AOT_DIR" "$JAVA25" -XX:AOTCacheOutput=app.aot
  ready >/dev/null
  for path in /queues /queues/projects/4 /q/health/ready /q/metrics; do
    curl -s -o /dev/null "http://127.0.0.1:$PORT$path" || true
  done
  stop_pid "$PID"
  [ -s "$AOT_DIR/app.aot" ] || die "no AOT cache was written, see $WORK/aot-training.log"
  log "AOT cache trained in $(( ($(date +%s%N) - train_start) / 1000000 )) ms: $(du -m "$AOT_DIR/app.aot" | cut -f1) MB"
  VARIANTS="$VARIANTS jdk25 jdk25-aot jdk25-aot-c1"
else
  log "no JDK 25 at $JAVA25 (set BENCH_JAVA25): the JDK 25 rows say so"
fi

# the variants take turns, one start each per round, so that a change in the machine's load falls on all of them
log "$STARTS round(s) of one fresh start per variant ($VARIANTS); JVM options: $JAVA_OPTS"
for variant in $VARIANTS; do : >"$WORK/starts-$variant.txt"; done
for round in $(seq 1 "$STARTS"); do
  for variant in $VARIANTS; do
    case "$variant" in
      jdk17) one "$variant" "$round" target/quarkus-app "$J17" ;;
      jdk17-cds) one "$variant" "$round" target/quarkus-app "$J17" "-XX:SharedArchiveFile=$WORK/app.jsa" ;;
      jdk17-cds-c1) one "$variant" "$round" target/quarkus-app "$J17" "-XX:SharedArchiveFile=$WORK/app.jsa" \
        -XX:TieredStopAtLevel=1 ;;
      jdk25) one "$variant" "$round" target/quarkus-app "$JAVA25" ;;
      jdk25-aot) one "$variant" "$round" "$AOT_DIR" "$JAVA25" -XX:AOTCache=app.aot ;;
      jdk25-aot-c1) one "$variant" "$round" "$AOT_DIR" "$JAVA25" -XX:AOTCache=app.aot -XX:TieredStopAtLevel=1 ;;
    esac
  done
  log "round $round: $(for v in $VARIANTS; do printf '%s %s ms  ' "$v" "$(tail -1 "$WORK/starts-$v.txt" | cut -d' ' -f1)"; done)"
done

{
  v17=$(version_of "$J17")
  echo "| 4 | JVM start to ready (\`/q/health/ready\` 200, first poll done), JDK $v17, median of $STARTS; Quarkus's own \"started in\" | $(secs "$(med jdk17 1)"); $(med jdk17 2) s | < 2 s | $(passmiss "$(med jdk17 1) < 2000") |"
  echo "| 4 | the same with an AppCDS archive (\`-XX:SharedArchiveFile\`) / AppCDS and \`-XX:TieredStopAtLevel=1\`, median of $STARTS each | $(secs "$(med jdk17-cds 1)") / $(secs "$(med jdk17-cds-c1 1)") | < 2 s | $(passmiss "$(med jdk17-cds-c1 1) < 2000") |"
  if [ "$HAVE25" = 1 ]; then
    echo "| 4 | JVM start to ready, JDK $v25 without an AOT cache, median of $STARTS; Quarkus's own \"started in\" | $(secs "$(med jdk25 1)"); $(med jdk25 2) s | < 2 s | $(passmiss "$(med jdk25 1) < 2000") |"
    echo "| 4 | JVM start to ready, JDK $v25 with the AOT cache (\`-XX:AOTCache\`, aot-jar layout, as Dockerfile.jvm's image), median of $STARTS; Quarkus's own \"started in\" | $(secs "$(med jdk25-aot 1)"); $(med jdk25-aot 2) s | < 2 s | $(passmiss "$(med jdk25-aot 1) < 2000") |"
    echo "| 4 | the same with the AOT cache and \`-XX:TieredStopAtLevel=1\` (C1 only), median of $STARTS | $(secs "$(med jdk25-aot-c1 1)") | < 2 s | $(passmiss "$(med jdk25-aot-c1 1) < 2000") |"
  else
    echo "| 4 | JVM start to ready, JDK 25 without / with the AOT cache | no JDK 25 at \`$JAVA25\` (BENCH_JAVA25) | < 2 s | - |"
  fi
} >"$ROWS_FILE"
