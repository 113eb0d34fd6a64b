# Helpers shared by bench/run.sh and bench/starts.sh (sourced; each defines its own log and die).

rss_kb() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$1/status" 2>/dev/null || echo 0; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
passmiss() { if awk "BEGIN { exit !($1) }"; then echo pass; else echo "**miss**"; fi; }
stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# ready_after PORT PID SECONDS START_NS: prints milliseconds from START_NS (date +%s%N) to the first 200 of
# /q/health/ready; dies when the adapter exits or is not ready within SECONDS
ready_after() {
  local deadline=$(( $(date +%s) + $3 ))
  while ! curl -sf -o /dev/null "http://127.0.0.1:$1/q/health/ready"; do
    kill -0 "$2" 2>/dev/null || die "adapter on port $1 exited, see logs"
    [ "$(date +%s)" -lt "$deadline" ] || die "adapter on port $1 not ready after $3 s"
    sleep 0.01
  done
  echo $(( ($(date +%s%N) - $4) / 1000000 ))
}

# pod_env NAME: the value Dockerfile.jvm's image gives the environment variable NAME (its ENV line)
pod_env() {
  sed -n "s/^ENV $1=\"\{0,1\}\([^\"]*\)\"\{0,1\}$/\1/p" "$(dirname "${BASH_SOURCE[0]}")/../Dockerfile.jvm"
}

# pod_java_opts JAVA: the options Dockerfile.jvm's image gives that JDK in the chart's 256Mi pod: what its run-java.sh
# adds (-XX:MaxRAMPercentage from JAVA_MAX_MEM_RATIO, the collector from GC_CONTAINER_OPTIONS, the heap's free
# ratios) and the image's JAVA_MEMORY_OPTS, all read from Dockerfile.jvm; a JDK before 25 leaves out compact object
# headers, which it does not know. The image also sets MALLOC_ARENA_MAX (pod_env MALLOC_ARENA_MAX).
pod_java_opts() {
  local memory
  memory=$(pod_env JAVA_MEMORY_OPTS)
  if [ "$("$1" -XX:+UseCompactObjectHeaders -version >/dev/null 2>&1 && echo yes)" != yes ]; then
    memory=$(echo "$memory" | sed 's/-XX:+UseCompactObjectHeaders//; s/  */ /g')
  fi
  echo "-XX:MaxRAM=256m -XX:MaxRAMPercentage=$(pod_env JAVA_MAX_MEM_RATIO) $(pod_env GC_CONTAINER_OPTIONS)" \
    "-XX:MinHeapFreeRatio=$(pod_env GC_MIN_HEAP_FREE_RATIO) -XX:MaxHeapFreeRatio=$(pod_env GC_MAX_HEAP_FREE_RATIO) $memory"
}
