#!/usr/bin/env bash
# Capacity policies, measured: a simulated fortnight of CI work replayed through KEDA's ScaledJob and single-job
# runners, once per way to scale them, the adapter's number computed by the product's own rules. See bench/README.md,
# "Capacity policies, measured".
#
#   bench/capacity.sh            two simulated weeks, week 2 reported (a few seconds)
#   bench/capacity.sh --quick    week 1 and the Monday of week 2 (CI runs it through bench/run.sh --quick)
#
# Compiles bench/capacity/*.java with javac against target/classes (./mvnw -B -q compile first when the classes are
# missing or older than a source), prints a markdown table and writes it to bench/results/capacity.md. Deterministic:
# the same seed (BENCH_CAPACITY_SEED, default 42) gives the same table. Exits non-zero when a check broke (a job not
# run exactly once, a runner with two jobs, a job handed out before an older one, more Jobs than maxReplicaCount).
set -euo pipefail

cd "$(dirname "$0")/.."
ARGS=()
QUICK=
case "${1:-}" in
  --quick) ARGS=(--quick); QUICK=" --quick" ;;
  "") ;;
  *) echo "usage: bench/capacity.sh [--quick]" >&2; exit 2 ;;
esac
ARGS+=(--seed "${BENCH_CAPACITY_SEED:-42}")
command -v javac >/dev/null || { echo "bench/capacity.sh: needs javac (JDK 17+)" >&2; exit 1; }

MARK=target/classes/io/github/gitlabqueueadapter/domain/CapacityPlan.class
if [ ! -f "$MARK" ] || [ -n "$(find src/main/java -name '*.java' -newer "$MARK" | head -1)" ]; then
  echo "bench/capacity.sh: compiling the product's classes (./mvnw -B -q compile)" >&2
  ./mvnw -B -q compile >&2
fi

WORK=$(mktemp -d /tmp/gqa-capacity.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# -Xlint:none: the product's classes name annotations (Jackson's) that are not on this class path
javac -Xlint:none --release 17 -d "$WORK/classes" -cp target/classes bench/capacity/*.java
rc=0
{
  echo "## Capacity policies, measured (\`bench/capacity.sh$QUICK\`)"
  echo
  # C1 only and the serial collector: a few seconds of work, where C2 would cost more than it saves
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "target/classes:$WORK/classes" CapacityBench "${ARGS[@]}" || rc=$?
} >"$WORK/capacity.md"
mkdir -p bench/results
cp "$WORK/capacity.md" bench/results/capacity.md
cat "$WORK/capacity.md"
exit "$rc"
