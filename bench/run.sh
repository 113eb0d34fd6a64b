#!/usr/bin/env bash
# Benchmarks and soak of gitlab-queue-adapter on loopback. See bench/README.md.
#
#   bench/run.sh            full run (about 33 minutes: 10 of them the soak, 6 the CI load, 8 the replicas)
#   bench/run.sh --quick    every scenario in miniature, about 3 minutes; numbers are only indicative
#
# Starts a simulated GitLab (bench/SimGitLab.java), the adapter (target/quarkus-app/quarkus-run.jar, built when
# missing), nginx, wrk and redis-server (Debian packages, installed when missing), measures, prints a markdown table (also written to
# bench/results/, logs in bench/results/logs-full or logs-quick), and stops everything it started.
# Also runs bench/capacity.sh (--quick with --quick), the capacity policies' simulation (its table: bench/results/capacity.md).
# Exits non-zero only when a scenario did not run or a hard correctness check failed (a 500, an answer older than
# max-staleness, a fresh answer while GitLab is down, a CI-load hook not answered 2xx or counts that differ from the
# simulator once the CI load stopped); a slow figure is reported as "miss", never a failure.
#
# Ports: BENCH_PORT_BASE (default 18400) .. +20, on 127.0.0.1 only (+3, +4 and +17..+19: the replicas scenario, 7).
# CI load (scenario 6): BENCH_CI_RATE pipelines per project-hour (default 6), BENCH_CI_SEED (default 42).
# JVM options of every adapter: BENCH_JAVA_OPTS (default mimics the image in a pod with the Helm chart's 256Mi limit).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
QUICK=0
case "${1:-}" in
  --quick) QUICK=1 ;;
  "") ;;
  *) echo "usage: bench/run.sh [--quick]" >&2; exit 2 ;;
esac

BASE=${BENCH_PORT_BASE:-18400}
SIM_PORT=$BASE                 # simulated GitLab for scenarios 1-4
SOAK_SIM_PORT=$((BASE + 1))    # simulated GitLab of the soak (its modes must not touch the others)
CI_SIM_PORT=$((BASE + 2))      # simulated GitLab of the CI load (its request counts are the figures)
A_PORT=$((BASE + 10))          # adapter: readers, freshness, serving
B_PORT=$((BASE + 11))          # adapter: many projects under a request budget
C_PORT=$((BASE + 12))          # adapter: soak
# BASE + 5 and + 13: bench/starts.sh's simulated GitLab and adapter (start-up and idle footprint)
E_PORT=$((BASE + 14))          # adapter: CI load, events first
P_PORT=$((BASE + 15))          # adapter: CI load, polling only
F_PORT=$((BASE + 16))          # adapter: a burst of tagless events, polling at 60 s
R_SIM_PORT=$((BASE + 3))       # simulated GitLab of the replicas scenario (its request counts are the figures)
REDIS_PORT=$((BASE + 4))       # redis-server of the replicas scenario
R_PORTS=($((BASE + 17)) $((BASE + 18)) $((BASE + 19))) # adapters: replicas, with and without Redis
NGINX_PORT=$((BASE + 20))
JAR=target/quarkus-app/quarkus-run.jar
SECRET=bench-webhook-secret-0123456789
RESULTS=$ROOT/bench/results

if [ "$QUICK" = 1 ]; then
  READERS_S=15; WEBHOOK_TRIALS=10; TAGLESS_TRIALS=6; POLL_TRIALS=6
  RATE_PROJECTS=100; RATE_RPM=100; RATE_MIN_S=70
  WARM_S=3; SERVE_S=5; SERVE_ROUNDS=1; FIXED_S=5
    SOAK_PHASE_S=12; SOAK_PHASES=5; SOAK_INTERVAL=2s; SOAK_STALENESS_S=7; SOAK_TIMEOUT=1s; SOAK_SLOW_MS=2000; SOAK_RETRY_AFTER=4
  CI_C=15; CI_S=35; CI_WARM_S=6 # 15 is the most: adapter.poll-interval must be at least 1s
  REP_SETS="memory:3 redis:1 redis:3"; REP_WINDOW_S=8; REP_TRIALS=6
  EV_WARM_S=2; EV_S=4
else
  READERS_S=120; WEBHOOK_TRIALS=30; TAGLESS_TRIALS=30; POLL_TRIALS=30
  RATE_PROJECTS=1000; RATE_RPM=500; RATE_MIN_S=180
  WARM_S=15; SERVE_S=20; SERVE_ROUNDS=3; FIXED_S=20
    SOAK_PHASE_S=60; SOAK_PHASES=10; SOAK_INTERVAL=5s; SOAK_STALENESS_S=20; SOAK_TIMEOUT=2s; SOAK_SLOW_MS=4000; SOAK_RETRY_AFTER=20
  CI_C=10; CI_S=360; CI_WARM_S=15 # 360 s of load: one compressed hour
  REP_SETS="memory:1 memory:2 memory:3 redis:1 redis:2 redis:3"; REP_WINDOW_S=40; REP_TRIALS=30
  EV_WARM_S=5; EV_S=20
fi
REP_FIRST=9100; REP_N=20; REP_INTERVAL_S=2 # projects 9100-9119 are counted; 9120 takes the propagation's events
EV_PROJECT=9300; EV_PENDING=1000; EV_RUNNING=328; EV_CONNECTIONS=8 # 8. event throughput: 1,328 jobs held
REP_RPM=1200 # well above the 630 a minute that 21 projects every 2 s take: the interval, not the budget, sets the pace
CI_RATE=${BENCH_CI_RATE:-6}
CI_SEED=${BENCH_CI_SEED:-42}
A_INTERVAL_S=1

T0=$(date +%s)
log() { printf '[%4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# ------------------------------------------------------------------ everything started here is stopped on exit
WORK=$(mktemp -d /tmp/gqa-bench.XXXXXX)
chmod 755 "$WORK" # nginx workers run as another user
PIDS=()
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  local logs=$RESULTS/logs-$([ "$QUICK" = 1 ] && echo quick || echo full)
  rm -rf "$logs"
  mkdir -p "$logs"
  cp "$WORK"/*.log "$WORK"/*.txt "$logs/" 2>/dev/null || true
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ tools
need_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v redis-server >/dev/null || missing+=(redis-server)
  [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx)
  [ ${#missing[@]} = 0 ] && return 0
  log "installing ${missing[*]} (Debian packages)"
  # keep the packaged nginx service from starting: this script runs its own nginx on its own port
  local policy=/usr/sbin/policy-rc.d made_policy=0
  if [ ! -e "$policy" ]; then
    need_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod +x $policy" && made_policy=1
  fi
  need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >"$WORK/apt.log" 2>&1 \
    || { need_root apt-get update -q >>"$WORK/apt.log" 2>&1 \
         && need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >>"$WORK/apt.log" 2>&1; } \
    || { [ "$made_policy" = 1 ] && need_root rm -f "$policy"; die "apt-get install ${missing[*]} failed, see $WORK/apt.log"; }
  [ "$made_policy" = 1 ] && need_root rm -f "$policy"
  return 0
}
install_tools
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
command -v java >/dev/null && command -v javac >/dev/null && command -v curl >/dev/null || die "needs java, javac (JDK 17+) and curl"

if [ ! -f "$JAR" ]; then
  log "building $JAR"
  ./mvnw -B -q package -DskipTests >"$WORK/build.log" 2>&1 || die "build failed, see $WORK/build.log"
fi
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" bench/SimGitLab.java bench/BenchClient.java || die "javac failed"
CP=$WORK/classes

# ------------------------------------------------------------------ helpers
# shellcheck source=bench/lib.sh
. bench/lib.sh
JAVA_OPTS=${BENCH_JAVA_OPTS:-$(pod_java_opts java)} # as Dockerfile.jvm's image runs in the chart's pod
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-$(pod_env MALLOC_ARENA_MAX)} # as the image sets it
# result KEY FILE: the value of a "RESULT key=value" line
result() { sed -n "s/^RESULT $1=//p" "$2" | tail -1; }
hwm_kb() { sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$1/status" 2>/dev/null || echo 0; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
now_ms() { date +%s%3N; }
for p in $SIM_PORT $SOAK_SIM_PORT $CI_SIM_PORT $R_SIM_PORT $REDIS_PORT "${R_PORTS[@]}" $A_PORT $B_PORT $C_PORT $((BASE + 5)) $((BASE + 13)) \
  $E_PORT $P_PORT $F_PORT $NGINX_PORT; do
  port_free "$p" || die "port $p is taken (set BENCH_PORT_BASE)"
done

start_sim() { # PORT NAME
  java -Dsun.net.httpserver.nodelay=true -Xmx256m -cp "$CP" SimGitLab "$1" >"$WORK/$2.log" 2>&1 &
  PIDS+=($!)
  local i
  for i in $(seq 1 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$1/_sim/stats" && return 0
    sleep 0.1
  done
  die "simulated GitLab on $1 did not start"
}

# start_adapter NAME PORT SIMPORT VAR=VALUE...: sets LAST_PID and LAST_START_NS
start_adapter() {
  local name=$1 port=$2 sim=$3
  shift 3
  LAST_START_NS=$(date +%s%N)
  env GITLAB_URL="http://127.0.0.1:$sim" GITLAB_TOKEN=bench-token QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" \
    "$@" java $JAVA_OPTS -jar "$JAR" >"$WORK/$name.log" 2>&1 &
  LAST_PID=$!
  PIDS+=($LAST_PID)
}

# wait_ready PORT PID SECONDS: prints milliseconds from LAST_START_NS to the first 200 of /q/health/ready
wait_ready() { ready_after "$1" "$2" "$3" "$LAST_START_NS"; }

# step CMD...: runs CMD in the background and waits for it, so that Ctrl-C or a TERM stops the run at once
# (bash runs a trap only after a foreground command returns, but interrupts the wait builtin)
step() {
  "$@" &
  local pid=$!
  PIDS+=($pid)
  wait "$pid"
}


# background RSS sampler: rss_watch PID FILE & ... kill; max in FILE
rss_watch() { while kill -0 "$1" 2>/dev/null; do rss_kb "$1" >>"$2"; sleep 0.5; done; }

run_wrk() { # OUT ARGS...: wrk output kept in OUT
  local out=$1
  shift
  step wrk "$@" >"$out" 2>&1 || die "wrk $* failed: $(tail -3 "$out")"
}

CHECKS_FAILED=()
ROWS=()
row() { ROWS+=("| $1 | $2 | $3 | $4 | $5 |"); }
# below VALUE LIMIT: pass when VALUE is a number under LIMIT, "-" when there is none, else miss
below() { case "$1" in -|"") echo "-" ;; *[!0-9.]*) echo "**miss**" ;; *) passmiss "$1 < $2" ;; esac; }

log "mode: $([ "$QUICK" = 1 ] && echo quick || echo full); work dir $WORK; JVM options: $JAVA_OPTS"

# ------------------------------------------------------------------ 9. capacity policies (a simulation; first, alone)
CAP_ARGS=$([ "$QUICK" = 1 ] && echo --quick || true)
log "capacity policies: bench/capacity.sh${CAP_ARGS:+ $CAP_ARGS}"
if step bench/capacity.sh $CAP_ARGS >"$WORK/capacity.txt" 2>&1; then
  cap=held
else
  cap=broken
  CHECKS_FAILED+=("capacity: bench/capacity.sh failed: $(grep -m3 'CHECK BROKEN\|error' "$WORK/capacity.txt" | tr '\n' ' ')")
fi
row 9 "capacity policies simulated (\`bench/capacity.sh${CAP_ARGS:+ $CAP_ARGS}\`; its table: bench/results/capacity.md): every job ran exactly once, no runner ran two jobs, jobs handed out oldest first" "$cap" "held" "$([ "$cap" = held ] && echo pass || echo '**fail**')"

start_sim "$SIM_PORT" sim
SIM=http://127.0.0.1:$SIM_PORT
curl -sf -XPOST "$SIM/_sim/seed?project=4&pending=12&running=3" >/dev/null       # the served queue
curl -sf -XPOST "$SIM/_sim/seed?project=1000&pending=250&running=0" >/dev/null   # three pages in the budget run

# ------------------------------------------------------------------ adapter A
start_adapter main-adapter "$A_PORT" "$SIM_PORT" ADAPTER_PROJECTS=1,2,3,4 ADAPTER_POLL_INTERVAL=${A_INTERVAL_S}s \
  ADAPTER_WEBHOOK_SECRET=$SECRET
A_PID=$LAST_PID
A=http://127.0.0.1:$A_PORT
# adapter F: one project (9050) in a pool of docker runners, polled every 60 s: what a burst of events costs
curl -sf -XPOST "$SIM/_sim/seed?project=9050&pending=0&running=0" >/dev/null
saved_opts=$JAVA_OPTS
JAVA_OPTS="$saved_opts -Dadapter.pools.burst.projects=9050 -Dadapter.pools.burst.tags=docker"
start_adapter burst-adapter "$F_PORT" "$SIM_PORT" ADAPTER_PROJECTS=9050 ADAPTER_POLL_INTERVAL=60s \
  ADAPTER_MAX_STALENESS=5m ADAPTER_WEBHOOK_SECRET=$SECRET
F_PID=$LAST_PID
JAVA_OPTS=$saved_opts
wait_ready "$A_PORT" "$A_PID" 60 >/dev/null
log "adapter A ready (projects 1-4, poll interval ${A_INTERVAL_S}s)"

# ------------------------------------------------------------------ 5. soak: its own GitLab and adapter
soak_start() {
  start_sim "$SOAK_SIM_PORT" soak-sim
  curl -sf -XPOST "http://127.0.0.1:$SOAK_SIM_PORT/_sim/seed?project=7&pending=5&running=2" >/dev/null
  start_adapter soak-adapter "$C_PORT" "$SOAK_SIM_PORT" ADAPTER_PROJECTS=7 ADAPTER_POLL_INTERVAL=$SOAK_INTERVAL \
    ADAPTER_MAX_STALENESS=${SOAK_STALENESS_S}s GITLAB_TIMEOUT=$SOAK_TIMEOUT
  C_PID=$LAST_PID
  wait_ready "$C_PORT" "$C_PID" 60 >/dev/null
  local seconds=$((SOAK_PHASE_S * SOAK_PHASES))
  log "soak: ${SOAK_PHASES} phases of ${SOAK_PHASE_S}s (up, down, slow, 429, ...), wrk paced at 200 req/s"
  wrk -t2 -c8 -d$((seconds + 2))s --timeout 5s -s bench/wrk/paced.lua "http://127.0.0.1:$C_PORT/queues/projects/7" -- 100 \
    >"$WORK/soak-wrk.txt" 2>&1 &
  SOAK_WRK_PID=$!
  PIDS+=($SOAK_WRK_PID)
  java -cp "$CP" BenchClient soak "http://127.0.0.1:$C_PORT" "http://127.0.0.1:$SOAK_SIM_PORT" 7 "$SOAK_PHASE_S" \
    "$SOAK_PHASES" "$SOAK_STALENESS_S" "$C_PID" "$SOAK_SLOW_MS" "$SOAK_RETRY_AFTER" "$WORK/soak-checks.txt" \
    >"$WORK/soak.txt" 2>&1 &
  SOAK_PID=$!
  PIDS+=($SOAK_PID)
}
soak_finish() {
  wait "$SOAK_PID" || die "soak driver failed: $(tail -5 "$WORK/soak.txt")"
  wait "$SOAK_WRK_PID" || die "soak wrk failed: $(tail -5 "$WORK/soak-wrk.txt")"
  local s500 statuses viol rss2 rssend ratio sock unrec recmax outage503
  s500=$(result status_500 "$WORK/soak-wrk.txt"); statuses=$(result statuses "$WORK/soak-wrk.txt")
  sock=$(result socket_errors "$WORK/soak-wrk.txt")
  viol=$(result violations "$WORK/soak.txt"); rss2=$(result rss_phase2_kb "$WORK/soak.txt")
  rssend=$(result rss_end_kb "$WORK/soak.txt"); ratio=$(result rss_end_over_phase2 "$WORK/soak.txt")
  unrec=$(result unrecovered_up_phases "$WORK/soak.txt"); recmax=$(result recovery_max_s "$WORK/soak.txt")
  outage503=$(result outage_503s_past_staleness "$WORK/soak.txt")
  [ -n "$s500" ] && [ -n "$viol" ] || die "soak produced no results"
  local secs=$((SOAK_PHASE_S * SOAK_PHASES)) rps
  rps=$(result rps "$WORK/soak-wrk.txt")
  row 5 "soak $((secs / 60)) min $([ "$QUICK" = 1 ] && echo "(${secs}s, ${SOAK_PHASE_S}s phases)"): 500 answers of $(result requests "$WORK/soak-wrk.txt") reads at ${rps} req/s ($statuses; socket errors $sock)" "$s500" "0" "$([ "$s500" = 0 ] && echo pass || echo '**FAIL**')"
  row 5 "soak: answers older than max-staleness (${SOAK_STALENESS_S}s) or fresh while GitLab is down, of $(result checks "$WORK/soak.txt") checked reads; 503s past max-staleness in outages" "$viol violations; $outage503 × 503" "0" "$([ "$viol" = 0 ] && echo pass || echo '**FAIL**')"
  row 5 "soak: up phases where the answer did not become fresh again; slowest recovery" "$unrec; ${recmax} s" "0" "$([ "$unrec" = 0 ] && echo pass || echo '**miss**')"
  row 5 "soak: RSS at end / RSS at end of phase 2 ($([ "$QUICK" = 1 ] && echo "${SOAK_PHASE_S}s phases" || echo "minute 2"))" "$(mb "$rssend") / $(mb "$rss2") MB = $ratio" "<= 1.10" "$(passmiss "$ratio <= 1.10")"
  [ "$s500" = 0 ] || CHECKS_FAILED+=("soak: $s500 answers with status 500")
  [ "$viol" = 0 ] || CHECKS_FAILED+=("soak: $viol answers broke the staleness rules (see soak.txt)")
  grep '^VIOLATION' "$WORK/soak.txt" >&2 || true
  stop_pid "$C_PID"
}

# ------------------------------------------------------------------ 6. CI load: events first against polling only
# One simulated GitLab, two adapters: E takes a Job Hook for every transition of its projects' jobs, P polls the same
# jobs in mirror projects and takes none. Per adapter, pool "docker" (tag filter) over 5 projects, pool "any" (none)
# over 5 others. Time runs C times faster: poll 15 s / C, reconcile 5 m / C, C times the pipelines, budget 500 × C.
CI_PER_POOL=5
ci_ids() { seq -s, "$1" $(($1 + CI_PER_POOL - 1)); } # FIRST: CI_PER_POOL consecutive project ids
CI_E_DOCKER=$(ci_ids 5101); CI_E_ANY=$(ci_ids 5111); CI_P_DOCKER=$(ci_ids 5201); CI_P_ANY=$(ci_ids 5211)
CI_POLL_MS=$((15000 / CI_C)); CI_RECONCILE_MS=$((300000 / CI_C))
CI_SETTLE_S=$(awk -v p="$CI_POLL_MS" 'BEGIN { printf "%.1f", 2 * p / 1000 + 1 }')
ci_start() {
  start_sim "$CI_SIM_PORT" ci-sim
  local p
  for p in ${CI_E_DOCKER//,/ } ${CI_E_ANY//,/ } ${CI_P_DOCKER//,/ } ${CI_P_ANY//,/ }; do
    curl -sf -XPOST "http://127.0.0.1:$CI_SIM_PORT/_sim/seed?project=$p&pending=0&running=0" >/dev/null \
      || die "could not seed project $p"
  done
  log "CI load: ${CI_S}s at C=$CI_C (poll ${CI_POLL_MS}ms, reconcile ${CI_RECONCILE_MS}ms), $CI_RATE pipelines per project-hour, events first against polling only"
  # pools are map keys: as system properties. adapter.reconcile-interval only as an env var: an adapter without
  # events-first polling ignores an env var it does not know, but refuses to start on such a system property.
  local saved=$JAVA_OPTS
  JAVA_OPTS="$saved -Dadapter.pools.docker.projects=$CI_E_DOCKER -Dadapter.pools.docker.tags=docker -Dadapter.pools.any.projects=$CI_E_ANY"
  start_adapter ci-events-adapter "$E_PORT" "$CI_SIM_PORT" ADAPTER_PROJECTS="$CI_E_DOCKER,$CI_E_ANY" \
    ADAPTER_POLL_INTERVAL=${CI_POLL_MS}ms ADAPTER_RECONCILE_INTERVAL=${CI_RECONCILE_MS}ms \
    GITLAB_REQUESTS_PER_MINUTE=$((500 * CI_C)) ADAPTER_WEBHOOK_SECRET=$SECRET
  E_PID=$LAST_PID
  JAVA_OPTS="$saved -Dadapter.pools.docker.projects=$CI_P_DOCKER -Dadapter.pools.docker.tags=docker -Dadapter.pools.any.projects=$CI_P_ANY"
  start_adapter ci-polling-adapter "$P_PORT" "$CI_SIM_PORT" ADAPTER_PROJECTS="$CI_P_DOCKER,$CI_P_ANY" \
    ADAPTER_POLL_INTERVAL=${CI_POLL_MS}ms GITLAB_REQUESTS_PER_MINUTE=$((500 * CI_C))
  P_PID=$LAST_PID
  JAVA_OPTS=$saved
  # the client waits for both adapters to be ready, then runs the load
  java -cp "$CP" BenchClient ciload "http://127.0.0.1:$E_PORT" "http://127.0.0.1:$P_PORT" "http://127.0.0.1:$CI_SIM_PORT" \
    "$SECRET" "$CI_E_DOCKER" "$CI_E_ANY" "$CI_P_DOCKER" "$CI_P_ANY" "$CI_RATE" "$CI_C" "$CI_S" "$CI_WARM_S" \
    "$CI_SETTLE_S" "$CI_SEED" >"$WORK/ciload.txt" 2>&1 &
  CI_PID=$!
  PIDS+=($CI_PID)
}
ci_finish() {
  wait "$CI_PID" || die "CI load failed: $(tail -5 "$WORK/ciload.txt")"
  stop_pid "$E_PID"
  stop_pid "$P_PID"
  local f=$WORK/ciload.txt
  cr() { result "$1" "$f"; }
  [ -n "$(cr mismatches)" ] || die "CI load produced no results"
  local src_e src_p supports note
  src_e=$(cr sources_events); src_p=$(cr sources_polling)
  if [[ $src_e == *events=* ]]; then supports=1; note=""; else
    supports=0; note=" (this jar has no events-first polling: no queue says \`source\`, its events adapter polls every interval)"
  fi
  local hours
  hours=$(cr compressed_hours)
  row 6 "CI load (C=$CI_C, R=$CI_RATE pipelines per project-hour, k=2-8 jobs, half \`docker\` half \`linux\`, $((CI_PER_POOL * 2)) projects per adapter; ${CI_S}s of load, counted over $(cr window_s) s = $hours compressed h after a ${CI_WARM_S}s warm-up): $(cr pipelines) pipelines, $(cr jobs) jobs, $(cr hooks) tagless Job Hooks to the events adapter: answers; results" "$(cr hook_statuses); $(cr hook_results)" "all 2xx" "$([ "$(cr hooks_non2xx)" = 0 ] && echo pass || echo '**FAIL**')"
  local pool ev po ratio med p99 n missed
  for pool in docker any; do
    ev=$(cr events_${pool}_per_project_hour); po=$(cr polling_${pool}_per_project_hour); ratio=$(cr ratio_$pool)
    local what="pool \`docker\` (tag filter: reads for tags)"
    [ "$pool" = any ] && what="pool \`any\` (no tag filter: no reads for tags)"
    row 6 "CI load: GitLab requests per project per compressed hour, $what, polling only / events first$note" "$po / $ev = ${ratio}×" ">= 10×" "$(passmiss "$ratio >= 10")"
  done
  for pool in docker any; do
    med=$(cr latency_${pool}_median_ms); p99=$(cr latency_${pool}_p99_ms); n=$(cr latency_${pool}_n); missed=$(cr latency_${pool}_missed)
    row 6 "CI load, events first: job queued at GitLab -> \`/queues/pools/$pool\` counts it, median / p99 of $n pipelines ($missed started before they were counted) (ms)" "$med / $p99" "p99 < 1000" "$(below "$p99" 1000)"
  done
  row 6 "CI load: \`source\` of the project queues, events adapter / polling adapter" "$src_e / $src_p" "all events / all polling" "$( [ "$supports" = 1 ] && [[ $src_e != *polling=* && $src_e != *absent=* && $src_p != *events=* ]] && echo pass || echo '**miss**')"
  row 6 "CI load: ${CI_SETTLE_S}s after the load stops, both adapters count what the simulator holds (pending of each pool; pending and running of each project): differences" "$(cr mismatches)" "0" "$([ "$(cr mismatches)" = 0 ] && echo pass || echo '**FAIL**')"
  [ "$(cr hooks_non2xx)" = 0 ] || CHECKS_FAILED+=("CI load: $(cr hooks_non2xx) Job Hooks were not answered 2xx ($(cr hook_statuses))")
  [ "$(cr mismatches)" = 0 ] || CHECKS_FAILED+=("CI load: the adapters' counts differ from the simulator's after the load stopped (see ciload.txt)")
  [ "$(cr failures)" = 0 ] || CHECKS_FAILED+=("CI load: $(cr failures) steps of the load failed (see ciload.txt)")
  grep '^MISMATCH\|^FAILURE' "$f" >&2 || true
}

if [ "$QUICK" = 1 ]; then
  soak_start # runs alongside the rest, to stay under two minutes
  ci_start   # so does the CI load
fi

# ------------------------------------------------------------------ 7. replicas: what 1, 2 and 3 cost GitLab
# Per set (store:replicas), the replicas watch the same 21 projects, poll every REP_INTERVAL_S, and GitLab's requests
# for 20 of them are counted over REP_WINDOW_S once every replica is ready (with Redis: once each sees the others).
# With Redis, in the set of three, a Job Hook posted to one replica is read on the other two (project 9120).
REP_PROJECTS=$(seq -s, $REP_FIRST $((REP_FIRST + REP_N)))
replicas_set() { # STORE N: sets REP_PER (requests per project per interval) and, for redis:3, the propagation file
  local store=$1 n=$2 i pids=() extra=()
  [ "$store" = redis ] && extra=(ADAPTER_STORE=redis QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS_PORT" \
    ADAPTER_REDIS_KEY_PREFIX="bench-$store-$n:" ADAPTER_REDIS_LEASE_TTL=6s)
  for i in $(seq 0 $((n - 1))); do
    start_adapter "replica-$store-$n-$i" "${R_PORTS[$i]}" "$R_SIM_PORT" ADAPTER_PROJECTS="$REP_PROJECTS" \
      ADAPTER_POLL_INTERVAL=${REP_INTERVAL_S}s ADAPTER_WEBHOOK_SECRET=$SECRET HOSTNAME="replica-$i" \
      GITLAB_REQUESTS_PER_MINUTE=$REP_RPM "${extra[@]}"
    pids+=($LAST_PID)
  done
  for i in $(seq 0 $((n - 1))); do wait_ready "${R_PORTS[$i]}" "${pids[$i]}" 120 >/dev/null; done
  if [ "$store" = redis ]; then
    local deadline=$(( $(date +%s) + 60 ))
    for i in $(seq 0 $((n - 1))); do
      until curl -sf "http://127.0.0.1:${R_PORTS[$i]}/q/metrics" | grep -q "^gitlab_queue_store_replicas $n.0"; do
        [ "$(date +%s)" -lt "$deadline" ] || die "replica $i of $n never saw the others in Redis"
        sleep 0.2
      done
    done
  fi
  sleep $((REP_INTERVAL_S * 3)) # the first polls and the leases' hand-overs are over
  local from to count
  from=$(now_ms); sleep "$REP_WINDOW_S"; to=$(now_ms)
  count=$(curl -sf "http://127.0.0.1:$R_SIM_PORT/_sim/count?min=$REP_FIRST&max=$((REP_FIRST + REP_N - 1))&from=$from&to=$to" \
    | sed -n 's/.*"count":\([0-9]*\).*/\1/p')
  REP_PER=$(awk -v c="$count" -v n="$REP_N" -v w="$((to - from))" -v i="$REP_INTERVAL_S" \
    'BEGIN { printf "%.2f", c / (n * w / 1000 / i) }')
  log "replicas $store x$n: $count requests for $REP_N projects in $((to - from)) ms: $REP_PER per project per interval"
  if [ "$store:$n" = redis:3 ]; then
    step java -cp "$CP" BenchClient propagation "http://127.0.0.1:$R_SIM_PORT" $((REP_FIRST + REP_N)) "$REP_TRIALS" \
      "$SECRET" "http://127.0.0.1:${R_PORTS[0]}" "http://127.0.0.1:${R_PORTS[1]}" "http://127.0.0.1:${R_PORTS[2]}" \
      >"$WORK/propagation.txt" 2>&1 || die "propagation failed: $(tail -3 "$WORK/propagation.txt")"
  fi
  for i in "${pids[@]}"; do stop_pid "$i"; done
}
replicas_run() {
  log "replicas: sets $REP_SETS, $REP_N projects every ${REP_INTERVAL_S}s, ${REP_WINDOW_S}s counted each"
  start_sim "$R_SIM_PORT" replicas-sim
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
  PIDS+=($!)
  local set memory=() redis=()
  for set in $REP_SETS; do
    replicas_set "${set%%:*}" "${set##*:}"
    if [ "${set%%:*}" = memory ]; then memory+=("$REP_PER"); else redis+=("$REP_PER"); fi
  done
  events_run
  local m r
  m=$(IFS=/; echo "${memory[*]}" | sed 's|/| / |g'); r=$(IFS=/; echo "${redis[*]}" | sed 's|/| / |g')
  row 7 "GitLab requests per project per poll interval, $REP_N projects at ${REP_INTERVAL_S}s, ${REP_WINDOW_S}s counted: without Redis, replicas $(for s in $REP_SETS; do [ "${s%%:*}" = memory ] && printf '%s ' "${s##*:}"; done| sed 's/ $//; s/ / \/ /g')" "$m" "each replica polls alone" "-"
  local ratio
  ratio=$(awk -v a="${redis[0]}" -v b="${redis[${#redis[@]} - 1]}" 'BEGIN { printf "%.3f", b / a }')
  row 7 "the same with Redis (one lease per project), replicas $(for s in $REP_SETS; do [ "${s%%:*}" = redis ] && printf '%s ' "${s##*:}"; done | sed 's/ $//; s/ / \/ /g'); three cost what one costs (ratio)" "$r (ratio $ratio)" "ratio <= 1.05" "$(passmiss "$ratio <= 1.05")"
  local pm pp
  pm=$(result median_ms "$WORK/propagation.txt"); pp=$(result p99_ms "$WORK/propagation.txt")
  row 7 "event propagation between replicas: Job Hook answered 202 by one -> counted by each of the other two, median / p99 of $(result samples "$WORK/propagation.txt") (ms)" "$pm / $pp" "p99 < 100" "$(passmiss "$pp < 100")"
}

# ------------------------------------------------------------------ 8. event throughput, memory and Redis
# One adapter holds a project of EV_PENDING + EV_RUNNING jobs (polled at start, then every minute (events first: every 5));
# BenchClient events posts Job Hooks on EV_CONNECTIONS connections for EV_S seconds after EV_WARM_S of warm-up.
# Runs after the replicas, on their simulated GitLab and redis-server, with the machine to itself.
events_run() {
  curl -sf -XPOST "http://127.0.0.1:$R_SIM_PORT/_sim/seed?project=$EV_PROJECT&pending=$EV_PENDING&running=$EV_RUNNING" \
    >/dev/null || die "could not seed project $EV_PROJECT"
  local store extra pid f rows=()
  for store in memory redis; do
    extra=()
    [ "$store" = redis ] && extra=(ADAPTER_STORE=redis QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS_PORT" \
      ADAPTER_REDIS_KEY_PREFIX="bench-events:")
    start_adapter "events-$store" "${R_PORTS[0]}" "$R_SIM_PORT" ADAPTER_PROJECTS=$EV_PROJECT ADAPTER_POLL_INTERVAL=60s \
      ADAPTER_WEBHOOK_SECRET=$SECRET "${extra[@]}"
    pid=$LAST_PID
    wait_ready "${R_PORTS[0]}" "$pid" 120 >/dev/null
    f=$WORK/events-$store.txt
    log "events: Job Hooks on $EV_CONNECTIONS connections for ${EV_S}s, store $store, $((EV_PENDING + EV_RUNNING)) jobs held"
    step java -cp "$CP" BenchClient events "http://127.0.0.1:${R_PORTS[0]}" "$EV_PROJECT" "$SECRET" "$EV_CONNECTIONS" \
      "$EV_WARM_S" "$EV_S" >"$f" 2>&1 || die "events ($store) failed: $(tail -3 "$f")"
    stop_pid "$pid"
    log "  $store: $(result events_per_s "$f") events/s, median $(result median_ms "$f") ms, p99 $(result p99_ms "$f") ms; $(result results "$f")"
    row 8 "Job Hooks answered per second, adapter.store=$store, $((EV_PENDING + EV_RUNNING)) jobs held, $EV_CONNECTIONS connections, ${EV_S}s ($(result events "$f") events, $(result not_applied "$f") not \`applied\`); latency median / p99 (ms)" \
      "$(result events_per_s "$f") /s; $(result median_ms "$f") / $(result p99_ms "$f")" ">= 1000 /s; p99 < 50" \
      "$(passmiss "$(result events_per_s "$f") >= 1000 && $(result p99_ms "$f") < 50")"
    if [[ "$(result results "$f")" =~ (error|[013-9][0-9][0-9] |2[1-9][0-9] |20[013-9] ) ]]; then
      CHECKS_FAILED+=("events ($store): Job Hooks not answered 202: $(result results "$f")")
    fi
  done
}

# ------------------------------------------------------------------ 1b. many projects under the request budget
RATE_FIRST=1000
RATE_LAST=$((RATE_FIRST + RATE_PROJECTS - 1))
RATE_IDS=$(seq -s, "$RATE_FIRST" "$RATE_LAST")
log "budget: $RATE_PROJECTS projects at gitlab.requests-per-minute=$RATE_RPM for at least ${RATE_MIN_S}s (in the background)"
start_adapter budget-adapter "$B_PORT" "$SIM_PORT" ADAPTER_PROJECTS="$RATE_IDS" GITLAB_REQUESTS_PER_MINUTE=$RATE_RPM \
  ADAPTER_MAX_STALENESS=30m ADAPTER_POLL_INTERVAL=15s
B_PID=$LAST_PID
B_START_MS=$(now_ms)

# ------------------------------------------------------------------ 1a. readers
log "readers: 10 readers, each reading project 1 every second for ${READERS_S}s"
step java -cp "$CP" BenchClient readers "$A" "$SIM" 1 10 "$READERS_S" "$A_INTERVAL_S" >"$WORK/readers.txt" 2>&1 \
  || die "readers failed: $(tail -3 "$WORK/readers.txt")"
per=$(result per_interval "$WORK/readers.txt"); reqs=$(result gitlab_requests "$WORK/readers.txt")
reads=$(result reads_ok "$WORK/readers.txt"); bad=$(result reads_bad "$WORK/readers.txt")
[ "$bad" = 0 ] || CHECKS_FAILED+=("readers: $bad reads were not 200")
row 1 "GitLab requests per poll interval (${A_INTERVAL_S}s) for 1 project read by 10 readers every second ($reads reads, $reqs GitLab requests in $(result seconds "$WORK/readers.txt") s: one every $(result polled_every_s "$WORK/readers.txt") s)" "$per" "<= 1 (a scaler per reader: 10)" "$(passmiss "$per <= 1.05")"

# ------------------------------------------------------------------ 2. freshness
log "freshness: $WEBHOOK_TRIALS jobs by webhook, $TAGLESS_TRIALS by tagless webhook, $POLL_TRIALS by polling"
step java -cp "$CP" BenchClient freshness webhook "$A" "$SIM" 2 "$WEBHOOK_TRIALS" "$SECRET" $((A_INTERVAL_S * 1000)) \
  >"$WORK/fresh-webhook.txt" 2>&1 || die "webhook freshness failed: $(tail -3 "$WORK/fresh-webhook.txt")"
step java -cp "$CP" BenchClient freshness webhook-tagless "$A" "$SIM" 2 "$TAGLESS_TRIALS" "$SECRET" $((A_INTERVAL_S * 1000)) \
  >"$WORK/fresh-tagless.txt" 2>&1 || die "tagless webhook freshness failed: $(tail -3 "$WORK/fresh-tagless.txt")"
step java -cp "$CP" BenchClient freshness poll "$A" "$SIM" 3 "$POLL_TRIALS" "$SECRET" $((A_INTERVAL_S * 1000)) \
  >"$WORK/fresh-poll.txt" 2>&1 || die "poll freshness failed: $(tail -3 "$WORK/fresh-poll.txt")"
log "burst: 50 tagless Job Hooks at once, adapter F polling every 60 s"
step java -cp "$CP" BenchClient burst "http://127.0.0.1:$F_PORT" "$SIM" "$SECRET" 9050 burst 50 \
  >"$WORK/burst.txt" 2>&1 || die "burst failed: $(tail -3 "$WORK/burst.txt")"
stop_pid "$F_PID"
# one request to GitLab, as the adapter timed it: mean of its successful requests
req_ms=$(curl -sf "$A/q/metrics" | awk '/^gitlab_requests_seconds_(sum|count)\{.*outcome="success"/ {
  if ($1 ~ /_sum/) s += $2; else c += $2 } END { if (c) printf "%.1f", s / c * 1000; else print 0 }')
wh_med=$(result median_ms "$WORK/fresh-webhook.txt"); wh_p99=$(result p99_ms "$WORK/fresh-webhook.txt")
po_med=$(result median_ms "$WORK/fresh-poll.txt"); po_p99=$(result p99_ms "$WORK/fresh-poll.txt")
po_goal=$(awk -v i="$A_INTERVAL_S" -v r="$req_ms" 'BEGIN { printf "%.0f", i * 1000 + r }')
tl_med=$(result median_ms "$WORK/fresh-tagless.txt"); tl_p99=$(result p99_ms "$WORK/fresh-tagless.txt")
row 2 "freshness by webhook (hook with a top-level \`tags\` array): job pending at GitLab -> endpoint counts it, median / p99 of $WEBHOOK_TRIALS (ms)" "$wh_med / $wh_p99" "p99 < 1000" "$(passmiss "$wh_p99 < 1000")"
row 2 "freshness by webhook, tagless (GitLab's documented Job Hook, no job tags), read with \`?tags=docker\` (needs the job's tags from GitLab), median / p99 of $TAGLESS_TRIALS (ms)" "$tl_med / $tl_p99" "p99 < 1000" "$(passmiss "$tl_p99 < 1000")"
bu_ms=$(result burst_ms "$WORK/burst.txt"); bu_req=$(result burst_requests "$WORK/burst.txt")
row 2 "burst: one pipeline queues 50 jobs tagged docker, 50 tagless Job Hooks at once (poll interval 60s): until the docker pool counts all 50 (ms); GitLab requests for the project, from the burst to 2 s after" "$bu_ms; $bu_req requests" "< 2000; <= 10" "$(passmiss "\"$bu_ms\" != \"never\" && $bu_ms < 2000 && $bu_req <= 10")"
row 2 "freshness by polling (interval ${A_INTERVAL_S}s, no webhook), median / p99 of $POLL_TRIALS (ms)" "$po_med / $po_p99" "p99 <= ${po_goal} (interval + one request, ${req_ms} ms)" "$(passmiss "$po_p99 <= $po_goal")"

# ------------------------------------------------------------------ 3. serving, against nginx in the same run
log "serving: wrk against the adapter and nginx, ${SERVE_ROUNDS} round(s) of ${SERVE_S}s each"
mkdir -p "$WORK/nginx/conf" "$WORK/nginx/html/queues/projects" "$WORK/nginx/logs"
curl -sf "$A/queues/projects/4" >"$WORK/nginx/html/queues/projects/4" || die "adapter did not answer project 4"
cp "$WORK/nginx/html/queues/projects/4" "$WORK/served.json.txt"
cat >"$WORK/nginx/conf/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 75s;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/nginx/html;
    location / { default_type application/json; }
  }
}
EOF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/conf/nginx.conf" -e "$WORK/nginx/logs/error.log" >"$WORK/nginx.log" 2>&1 &
NGINX_PID=$!
PIDS+=($NGINX_PID)
for i in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/queues/projects/4" && break; sleep 0.1; done
cmp -s <(curl -s "http://127.0.0.1:$NGINX_PORT/queues/projects/4") "$WORK/served.json.txt" || die "nginx does not serve the JSON"
ADAPTER_URL="$A/queues/projects/4"
NGINX_URL="http://127.0.0.1:$NGINX_PORT/queues/projects/4"
run_wrk "$WORK/warm-adapter.txt" -t2 -c32 -d${WARM_S}s "$ADAPTER_URL"
run_wrk "$WORK/warm-nginx.txt" -t2 -c32 -d2s "$NGINX_URL"
rss_watch "$A_PID" "$WORK/rss-load.txt" &
RSS_WATCH=$!
PIDS+=($RSS_WATCH)
: >"$WORK/serve-rounds.txt"
for r in $(seq 1 "$SERVE_ROUNDS"); do
  run_wrk "$WORK/serve-adapter-$r.txt" -t2 -c32 -d${SERVE_S}s --latency -s bench/wrk/summary.lua "$ADAPTER_URL"
  run_wrk "$WORK/serve-nginx-$r.txt" -t2 -c32 -d${SERVE_S}s --latency -s bench/wrk/summary.lua "$NGINX_URL"
  ar=$(result rps "$WORK/serve-adapter-$r.txt"); nr=$(result rps "$WORK/serve-nginx-$r.txt")
  ap=$(result p99_ms "$WORK/serve-adapter-$r.txt"); np=$(result p99_ms "$WORK/serve-nginx-$r.txt")
  [ "$(result non2xx "$WORK/serve-adapter-$r.txt")" = 0 ] || CHECKS_FAILED+=("serving: adapter answered non-2xx under load")
  echo "$ar $nr $ap $np $(awk -v a="$ar" -v n="$nr" 'BEGIN { printf "%.3f", a / n }')" >>"$WORK/serve-rounds.txt"
  log "  round $r: adapter $ar req/s p99 $ap ms; nginx $nr req/s p99 $np ms"
done
log "fixed rate: 1,000 req/s for ${FIXED_S}s, adapter then nginx"
run_wrk "$WORK/fixed-adapter.txt" -t2 -c20 -d${FIXED_S}s --latency -s bench/wrk/paced.lua "$ADAPTER_URL" -- 500
run_wrk "$WORK/fixed-nginx.txt" -t2 -c20 -d${FIXED_S}s --latency -s bench/wrk/paced.lua "$NGINX_URL" -- 500
kill "$RSS_WATCH" 2>/dev/null || true
wait "$RSS_WATCH" 2>/dev/null || true
RSS_LOAD_KB=$(sort -n "$WORK/rss-load.txt" | tail -1)
stop_pid "$NGINX_PID"
col() { awk -v c="$1" '{ print $c }' "$WORK/serve-rounds.txt" | median; }
a_rps=$(col 1); n_rps=$(col 2); a_p99=$(col 3); n_p99=$(col 4); ratio=$(col 5)
rounds_note=$([ "$SERVE_ROUNDS" -gt 1 ] && echo "median of $SERVE_ROUNDS rounds" || echo "1 round")
row 3 "serving \`GET /queues/projects/{id}\`, wrk -t2 -c32 ${SERVE_S}s, adapter: req/s, p99 ms ($rounds_note)" "$a_rps, $a_p99" "" ""
row 3 "same JSON as a static file from nginx $(nginx -v 2>&1 | sed 's|.*/||'), same run: req/s, p99 ms" "$n_rps, $n_p99" "" ""
row 3 "adapter / nginx requests per second (median of the per-round ratios)" "$ratio" ">= 0.70" "$(passmiss "$ratio >= 0.70")"
fa_p99=$(result p99_ms "$WORK/fixed-adapter.txt"); fa_rps=$(result rps "$WORK/fixed-adapter.txt")
fn_p99=$(result p99_ms "$WORK/fixed-nginx.txt")
[ "$(result status_500 "$WORK/fixed-adapter.txt")" = 0 ] || CHECKS_FAILED+=("fixed rate: adapter answered 500")
row 3 "p99 at a fixed 1,000 req/s (wrk paced by bench/wrk/paced.lua, 20 connections; achieved ${fa_rps} req/s; nginx ${fn_p99} ms)" "$fa_p99 ms" "< 5 ms" "$(passmiss "$fa_p99 < 5")"

if [ "$QUICK" = 1 ]; then
  ci_finish # before the fresh starts, which its JVMs would slow down
fi

# ------------------------------------------------------------------ 4. footprint: fresh starts (bench/starts.sh)
log "start-up: bench/starts.sh${CAP_ARGS:+ $CAP_ARGS} (JDK 17, AppCDS, JDK 25 with and without the AOT cache)"
step bench/starts.sh $CAP_ARGS --rows "$WORK/starts-rows.md" --work "$WORK" || die "bench/starts.sh failed"
while IFS= read -r line; do ROWS+=("$line"); done <"$WORK/starts-rows.md"
IDLE_KB=$(cat "$WORK/starts-idle-kb.txt")
row 4 "RSS idle ($([ "$QUICK" = 1 ] && echo 3 || echo 10) s after ready, 1 project, JDK 17)" "$(mb "$IDLE_KB") MB" "< 200 MB" "$(passmiss "$IDLE_KB < 204800")"
row 4 "RSS under load (peak while serving wrk and the fixed-rate run)" "$(mb "$RSS_LOAD_KB") MB" "< 200 MB" "$(passmiss "$RSS_LOAD_KB < 204800")"

# ------------------------------------------------------------------ 1b. collect the budget run
while [ $(( $(now_ms) - B_START_MS )) -lt $((RATE_MIN_S * 1000)) ]; do sleep 1; done
kill -0 "$B_PID" 2>/dev/null || die "budget adapter exited, see budget-adapter.log"
curl -sf "$SIM/_sim/window?min=$RATE_FIRST&max=$RATE_LAST&windowMs=60000" >"$WORK/budget-window.txt" \
  || die "no budget figures"
B_RUN_S=$(( ($(now_ms) - B_START_MS) / 1000 ))
stop_pid "$B_PID"
jnum() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" "$WORK/budget-window.txt"; }
sliding=$(jnum maxSliding); calmax=$(jnum maxCalendarMinute); bcount=$(jnum count); mingap=$(jnum minGapMs)
row 1 "$RATE_PROJECTS projects (one of them 3 pages) at requests-per-minute=$RATE_RPM, ${B_RUN_S}s: most GitLab requests in any sliding 60 s / any calendar minute ($bcount requests; budget spacing $(awk -v r="$RATE_RPM" 'BEGIN { printf "%.0f", 60000 / (0.98 * r) }') ms, smallest gap seen $mingap ms)" "$sliding / $calmax" "<= $RATE_RPM" "$(passmiss "$sliding <= $RATE_RPM")"

# ------------------------------------------------------------------ 5. soak
if [ "$QUICK" = 0 ]; then
  stop_pid "$A_PID"
  soak_start
fi
soak_finish

# ------------------------------------------------------------------ 6. CI load (full run: alone, after the soak)
if [ "$QUICK" = 0 ]; then
  ci_start
  ci_finish
fi

# ------------------------------------------------------------------ 7. replicas (alone, last)
[ "$QUICK" = 1 ] && stop_pid "$A_PID"
replicas_run

# ------------------------------------------------------------------ table
DURATION=$(( $(date +%s) - T0 ))
mkdir -p "$RESULTS"
{
  echo "## gitlab-queue-adapter benchmark ($([ "$QUICK" = 1 ] && echo 'quick, indicative only' || echo full))"
  echo
  echo "\`bench/run.sh$([ "$QUICK" = 1 ] && echo ' --quick')\` on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1), adapter JVM options \`$JAVA_OPTS\`; took ${DURATION}s."
  echo
  echo "| # | figure | measured | goal | result |"
  echo "| --- | --- | --- | --- | --- |"
  printf '%s\n' "${ROWS[@]}" | sort -s -t'|' -k2,2n
  echo
  echo "Served JSON ($(wc -c <"$WORK/served.json.txt") bytes): \`$(cat "$WORK/served.json.txt")\`"
  echo
  echo "Serving rounds (adapter req/s, nginx req/s, adapter p99 ms, nginx p99 ms, ratio):"
  echo
  sed 's/^/    /' "$WORK/serve-rounds.txt"
  echo
  echo "Freshness samples (ms): webhook $(result all_ms "$WORK/fresh-webhook.txt"); tagless webhook $(result all_ms "$WORK/fresh-tagless.txt"); polling $(result all_ms "$WORK/fresh-poll.txt")"
  echo
  echo "CI load (6): pending at the end, per pool (simulator / events adapter / simulator, mirror projects / polling adapter): $(result final_pending "$WORK/ciload.txt"); hook answers $(result hook_statuses "$WORK/ciload.txt")"
  echo
  echo "Soak RSS at the end of each phase (MB): $(result rss_per_phase_mb "$WORK/soak.txt"); budget run requests per calendar minute: $(sed -n 's/.*"perCalendarMinute":\(\[[^]]*\]\).*/\1/p' "$WORK/budget-window.txt")"
} >"$WORK/table.md"
cp "$WORK/table.md" "$RESULTS/latest.md"
cp "$WORK/table.md" "$RESULTS/$([ "$QUICK" = 1 ] && echo quick || echo full).md"
cat "$WORK/table.md"
if [ ${#CHECKS_FAILED[@]} -gt 0 ]; then
  printf 'HARD CHECK FAILED: %s\n' "${CHECKS_FAILED[@]}" >&2
  exit 1
fi
log "done in ${DURATION}s"
