#!/usr/bin/env bash
# At scale: one adapter watching N projects of the simulated GitLab for MINUTES, with the default configuration except
# what the scenario must set (GitLab's URL and token; the webhook secret with --events; the budget with --rpm; with
# --admin, gitlab.instance-count=graphql and five pools of GitLab's runners).
#
#   bench/scale.sh [N=10000] [MINUTES=10] [--events SHARE] [--rpm RPM] [--active SHARE] [--gap SECONDS] [--admin]
#
#   --events SHARE   that share of the projects (0..1, by a hash of the id) gets a GitLab Job Hook for every change of
#                    its jobs (default 0: polling only)
#   --rpm RPM        gitlab.requests-per-minute (default: the adapter's default, not set)
#   --active SHARE   the share of projects that gets pipelines (default 0.1; the others have no jobs at all)
#   --gap SECONDS    mean time between two pipelines of an active project (default 300)
#   --admin          gitlab.instance-count=graphql and five pools over all N projects, each named by GitLab instance
#                    runners of one matcher: docker (runners 1 and 2, one matcher), linux (3), docker+linux (4),
#                    untagged (5, run_untagged), gpu (6); the simulator answers GET /runners/:id, GET /projects/:id and
#                    POST /api/graphql Query.jobs by a simple matcher (bench/SimGitLab.java, class Admin)
#
# bench/ScaleLoad.java makes the load (pipelines of 1-4 jobs: 2-40 s pending, 20-150 s running) and samples the
# adapter's answers (35 projects every 3 s). Writes bench/results/scale-N.md (scale-N-admin.md with --admin), prints
# it, and keeps the logs in bench/results/logs-scale-N. JVM options: BENCH_JAVA_OPTS (default as bench/run.sh: the
# chart's 256Mi pod); JDK: BENCH_JAVA (default `java`). Ports: BENCH_PORT_BASE (18400) + 30 (simulator), + 31
# (adapter). Exits non-zero only when the scenario did not run or a hard check failed (an answer 500, or neither 200 nor
# 503 JSON); a missed goal is marked "miss".
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
N=10000
MINUTES=10
EVENTS=0
RPM=""
ACTIVE=0.1
GAP=300
ADMIN=0
POS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --events) EVENTS=$2; shift 2 ;;
    --rpm) RPM=$2; shift 2 ;;
    --active) ACTIVE=$2; shift 2 ;;
    --gap) GAP=$2; shift 2 ;;
    --admin) ADMIN=1; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *) POS+=("$1"); shift ;;
  esac
done
N=${POS[0]:-$N}
MINUTES=${POS[1]:-$MINUTES}
BASE=${BENCH_PORT_BASE:-18400}
SIM_PORT=$((BASE + 30))
A_PORT=$((BASE + 31))
JAVA=${BENCH_JAVA:-java}
JCMD=$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd
JAR=${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
SECRET=bench-webhook-secret-0123456789
NAME=scale-$N$([ "$ADMIN" = 1 ] && echo -admin || true)
OUT=$ROOT/bench/results/$NAME.md
LOGS=$ROOT/bench/results/logs-$NAME
POLL_S=15 # adapter.poll-interval's default: the GraphQL count's round
MAX_STALENESS_S=120 # adapter.max-staleness's default
T0=$(date +%s)
log() { printf '[%4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
# shellcheck source=bench/lib.sh
. bench/lib.sh
JAVA_OPTS=${BENCH_JAVA_OPTS:-$(pod_java_opts "$JAVA")}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-$(pod_env MALLOC_ARENA_MAX)} # as the image sets it

WORK=$(mktemp -d /tmp/gqa-scale.XXXXXX)
PIDS=()
cleanup() {
  local rc=$?
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$LOGS"; mkdir -p "$LOGS"
  cp "$WORK"/*.log "$WORK"/*.txt "$LOGS/" 2>/dev/null || true
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for p in $SIM_PORT $A_PORT; do port_free "$p" || die "port $p is taken (set BENCH_PORT_BASE)"; done
[ -f "$JAR" ] || { log "building $JAR"; ./mvnw -B -q package -DskipTests >"$WORK/build.log" 2>&1 || die "build failed"; }
mkdir -p "$WORK/classes" "$ROOT/bench/results"
javac -d "$WORK/classes" bench/SimGitLab.java bench/BenchClient.java bench/ScaleLoad.java || die "javac failed"
CP=$WORK/classes
SIM=http://127.0.0.1:$SIM_PORT
A=http://127.0.0.1:$A_PORT

java -Xmx512m -cp "$CP" SimGitLab "$SIM_PORT" >"$WORK/sim.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do curl -sf -o /dev/null "$SIM/_sim/stats" && break; sleep 0.1; done
curl -sf -o /dev/null -XPOST "$SIM/_sim/seed?min=1&max=$N" || die "simulated GitLab did not start"

IDS=$(seq -s, 1 "$N")
ENV=(GITLAB_URL="$SIM" GITLAB_TOKEN=bench-token QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$A_PORT"
  ADAPTER_PROJECTS="$IDS")
[ "$EVENTS" != 0 ] && ENV+=(ADAPTER_WEBHOOK_SECRET=$SECRET)
[ -n "$RPM" ] && ENV+=(GITLAB_REQUESTS_PER_MINUTE="$RPM")
PROPS=()
POOLS=-
if [ "$ADMIN" = 1 ]; then
  ENV+=(GITLAB_INSTANCE_COUNT=graphql)
  for r in "1 docker false" "2 docker false" "3 linux false" "4 docker,linux false" "5 - true" "6 gpu false"; do
    set -- $r
    tags=$([ "$2" = - ] && echo "" || echo "$2")
    curl -sf -o /dev/null -XPOST "$SIM/_sim/runner?id=$1&tags=$tags&untagged=$3" || die "runner $1"
  done
  for pr in docker:1,2 linux:3 dockerlinux:4 untagged:5 gpu:6; do # pool names are map keys: system properties
    PROPS+=("-Dadapter.pools.${pr%%:*}.projects=$IDS" "-Dadapter.pools.${pr%%:*}.runners=${pr#*:}")
  done
  POOLS=docker=1,linux=3,dockerlinux=4,untagged=5,gpu=6
fi

log "$N projects (active share $ACTIVE, a pipeline every ${GAP}s each; events share $EVENTS), budget ${RPM:-default}$([ "$ADMIN" = 1 ] && echo ", gitlab.instance-count=graphql, five pools"), ${MINUTES} min; JVM $JAVA_OPTS"
START_NS=$(date +%s%N)
env "${ENV[@]}" "$JAVA" $JAVA_OPTS "${PROPS[@]}" -jar "$JAR" >"$WORK/adapter.log" 2>&1 &
APID=$!
PIDS+=($APID)
until curl -sf -o /dev/null "$A/q/health/live"; do
  kill -0 "$APID" 2>/dev/null || { tail -20 "$WORK/adapter.log" >&2; die "adapter exited"; }
  sleep 0.2
done
LIVE_MS=$(( ($(date +%s%N) - START_NS) / 1000000 ))
log "adapter live after ${LIVE_MS} ms; load and sampler for ${MINUTES} min"

HZ=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
CPU0=$(cpu_ticks "$APID")
( while kill -0 "$APID" 2>/dev/null; do echo "$(date +%s) $(rss_kb "$APID")"; sleep 2; done ) >"$WORK/rss.txt" &
PIDS+=($!)
java -Xmx256m -cp "$CP" ScaleLoad "$A" "$SIM" "$N" "$EVENTS" "$ACTIVE" $((MINUTES * 60)) "$SECRET" 42 "$GAP" "$POOLS" \
  "$POLL_S" "$WORK/samples.txt" >"$WORK/load.txt" 2>&1 &
LOAD=$!
PIDS+=($LOAD)
wait "$LOAD" || die "bench/ScaleLoad failed: $(tail -5 "$WORK/load.txt")"
kill -0 "$APID" 2>/dev/null || die "the adapter exited during the run: $(tail -5 "$WORK/adapter.log")"
CPU1=$(cpu_ticks "$APID")
RUN_S=$(( $(date +%s) - T0 ))
RSS_END=$(rss_kb "$APID")
RSS_PEAK=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$APID/status")
"$JCMD" "$APID" GC.run >/dev/null 2>&1 || true
"$JCMD" "$APID" GC.heap_info >"$WORK/heap.txt" 2>&1 || true
HEAP_KB=$(awk '/generation|Metaspace/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K,?", "", v); if ($1 != "Metaspace") s += v } }
  END { print s + 0 }' "$WORK/heap.txt")
curl -s "$A/q/health/well" >"$WORK/health-well.txt" || true
grep -E 'WARN|ERROR' "$WORK/adapter.log" | grep -iE 'budget|staleness|memory|heap' | head -5 >"$WORK/warnings.txt" || true

r() { sed -n "s/^RESULT $1=//p" "$WORK/load.txt" | tail -1; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
LOAD_S=$((MINUTES * 60))
CPU_S=$(awk -v a="$CPU0" -v b="$CPU1" -v hz="$HZ" 'BEGIN { printf "%.1f", (b - a) / hz }')
CPU_PER=$(awk -v c="$CPU_S" -v n="$N" -v s="$LOAD_S" 'BEGIN { printf "%.2f", c / (n / 1000) / (s / 60) }')
BUDGET=${RPM:-500}
CHECKS=()
[ "$(r status_500)" = 0 ] || CHECKS+=("$(r status_500) answers 500")
[ "$(r bad_answers)" = 0 ] || CHECKS+=("$(r bad_answers) answers neither 200 nor 503 JSON")
age_goal() { case "$1" in -) echo "-" ;; *) passmiss "$1 < $2" ;; esac; }
# an event-fed project's ageSeconds is the age of its last poll (every reconcile-interval, 300 s): the adapter's own
# limit for it is max-staleness + reconcile-interval - poll-interval; its number's freshness is the "differ" row
EVENTS_AGE_S=$((MAX_STALENESS_S + 300 - POLL_S))
{
  echo "## bench/scale.sh $N $MINUTES$([ "$EVENTS" != 0 ] && echo " --events $EVENTS")$([ -n "$RPM" ] && echo " --rpm $RPM")$([ "$ADMIN" = 1 ] && echo " --admin")"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores (shared), load average $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA" -version 2>&1 | head -1), JVM options \`$JAVA_OPTS\`, jar of commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')."
  echo "$N projects: $(r active_projects) active (a pipeline of 1-4 jobs every ${GAP} s on average), the rest without jobs; $(r events_share_projects) in the events share, $(r evented_projects) of them sent Job Hooks ($(r hooks)); $(r pipelines) pipelines, $(r jobs) jobs in ${LOAD_S} s. $(if [ "$(r full_reading_s)" = never ]; then echo "**Not every project was read once in the run** ($(r events_read_once) of $(r events_projects) event-fed and $(r polled_read_once) of $(r polled_projects) polled projects were): the figures below are over the whole run"; else echo "Every project was read once after $(r full_reading_s) s"; fi) (adapter live after ${LIVE_MS} ms)."
  echo
  echo "| figure | measured | goal | result |"
  echo "| --- | --- | --- | --- |"
  for cls in events polled; do
    what=$([ "$cls" = events ] && echo "event-fed projects ($(r events_projects))" || echo "polled projects ($(r polled_projects): no job events)")
    echo "| $what: interval between two GitLab reads of a project, median / p99 ($(r ${cls}_read_intervals) intervals after the first full reading); time since the last read at the end, p99 (s) | $(r ${cls}_interval_p50) / $(r ${cls}_interval_p99); $(r ${cls}_since_last_read_p99) | | |"
    limit=$([ "$cls" = events ] && echo "$EVENTS_AGE_S" || echo "$MAX_STALENESS_S")
    goal=$([ "$cls" = events ] && echo "p99 < ${limit} s (max-staleness + reconcile - poll interval)" || echo "p99 < max-staleness ${limit} s")
    echo "| $what: \`ageSeconds\` (since the last GitLab read) of 200 answers after the first full reading, median / p99 / max ($(r ${cls}_samples) answers sampled, $(r ${cls}_stale) \`stale\`) | $(r ${cls}_age_p50) / $(r ${cls}_age_p99) / $(r ${cls}_age_max) | $goal | $(age_goal "$(r ${cls}_age_p99)" "$limit") |"
    n503=$(r ${cls}_503)
    echo "| $what: 503 answers after the first full reading | $n503 | 0 | $([ "$n503" = 0 ] && [ "$(r full_reading_s)" != never ] && echo pass || echo '**miss**') |"
  done
  d=$(r events_differ)
  echo "| event-fed projects: answers whose pending/running differ from the simulator's just before and just after (of them while a job change of the project was under way: made at the simulator, its Job Hook not answered yet) | $d ($(r events_differ_change_under_way)) | 0 | $([ "${d%%/*}" = 0 ] && echo pass || echo '**miss**') |"
  echo "| 503 answers for a project read before (any reason but \`not polled yet\`), whole run | $(r read_before_503) | 0 | $([ "$(r read_before_503)" = 0 ] && echo pass || echo '**miss**') |"
  echo "| 503 before the first full reading (not polled yet); answers 500; neither 200 nor 503 JSON | $(r before_full_503); $(r status_500); $(r bad_answers) | -; 0; 0 | $([ ${#CHECKS[@]} = 0 ] && echo pass || echo '**FAIL**') |"
  echo "| GitLab requests, most in a calendar minute / a sliding minute ($(r requests_total) in all; per calendar minute $(r per_calendar_minute)) | $(r max_calendar_minute) / $(r max_sliding_minute) | <= $BUDGET (gitlab.requests-per-minute) | $(passmiss "$(r max_sliding_minute) <= $BUDGET") |"
  echo "| RSS at the end / peak (VmHWM) | $(mb "$RSS_END") / $(mb "$RSS_PEAK") MB | < 220 MB | $(passmiss "$RSS_PEAK < 225280") |"
  echo "| heap used after a full GC (jcmd GC.run; GC.heap_info) | $(mb "$HEAP_KB") MB | | |"
  echo "| CPU (utime + stime) over the ${LOAD_S} s of load: seconds; per 1,000 projects per minute | $CPU_S; $CPU_PER | | |"
  if [ "$ADMIN" = 1 ]; then
    echo "| GraphQL requests per poll interval (${POLL_S} s, the $(r intervals) intervals after every project was read and every pool counted by GitLab, at $(r all_pools_counted_s) s): min / median / max; runners asked; most pages of one runner | $(r graphql_per_interval); $(r graphql_runners_asked); $(r graphql_max_page) | one per distinct matcher (5) and page | |"
    echo "| REST requests per poll interval (polls, reads for tags, runners, project settings) / of them runners and project settings | $(r rest_per_interval) / $(r runner_and_settings_reads_per_interval) | | |"
    echo "| pools' \`pending\` vs the simulator's matcher while the load ran (reads, 200, counted by GitLab, differing/compared; GitLab's count is up to one poll interval old, the simulator's of the moment) | $(for p in docker linux dockerlinux untagged gpu; do printf '%s: %s; ' "$p" "$(r pool_$p)"; done) | 0 differing | |"
    echo "| pools' \`pending\` / the simulator's, $((2 * POLL_S + 5)) s after the load stopped | $(r pools_final) | equal | $([[ "$(r pools_final)" =~ model|-/ ]] && echo '**miss**' || (awk -v s="$(r pools_final)" 'BEGIN { gsub(/[{}]/, "", s); n = split(s, kv, ", "); for (i = 1; i <= n; i++) { split(kv[i], x, "="); split(x[2], y, "/"); if (y[1] != y[2]) exit 1 } }' && echo pass || echo '**miss**')) |"
  fi
  echo
  echo "Adapter's /q/health/well at the end: $(python3 -c 'import json, sys
for c in json.load(sys.stdin).get("checks", []):
    if c["name"] in ("request-budget", "memory"):
        print("%s %s %s;" % (c["name"], c["status"], ", ".join("%s=%s" % kv for kv in c.get("data", {}).items())))' \
    <"$WORK/health-well.txt" 2>/dev/null | tr '\n' ' ')"
  echo
  echo "Adapter's warnings: $(sed 's/^/    /' "$WORK/warnings.txt" | cut -c1-400)"
} >"$WORK/table.md"
cp "$WORK/table.md" "$OUT"
cat "$WORK/table.md"
grep '^FAILURE' "$WORK/load.txt" >&2 || true
if [ ${#CHECKS[@]} -gt 0 ]; then
  printf 'HARD CHECK FAILED: %s\n' "${CHECKS[@]}" >&2
  exit 1
fi
log "done in $(( $(date +%s) - T0 ))s; $OUT"
