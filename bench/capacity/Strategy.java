/**
 * KEDA's ScaledJob scaling strategies, as {@code pkg/scaling/executor/scale_jobs.go} (kedacore/keda at 8b4f083,
 * 2026-08-20, after v2.20.1) computes the most new Jobs a poll may create, {@code GetEffectiveMaxScale(maxScale,
 * runningJobCount, pendingJobCount, maxReplicaCount)}: {@code runningJobCount} counts the ScaledJob's unfinished Jobs
 * (starting, idle and busy runners alike), {@code pendingJobCount} those whose pod is not Running or Succeeded yet.
 */
enum Strategy {
    /** {@code maxScale - runningJobCount}. */
    DEFAULT {
        @Override
        long effectiveMaxScale(long maxScale, long running, long pending, long maxReplicaCount) {
            return maxScale - running;
        }
    },
    /**
     * {@code maxReplicaCount - runningJobCount} when {@code maxScale + running - pending} passes maxReplicaCount,
     * else {@code maxScale - pendingJobCount}.
     */
    ACCURATE {
        @Override
        long effectiveMaxScale(long maxScale, long running, long pending, long maxReplicaCount) {
            if (maxScale + running - pending > maxReplicaCount) {
                return maxReplicaCount - running;
            }
            return maxScale - pending;
        }
    };

    abstract long effectiveMaxScale(long maxScale, long running, long pending, long maxReplicaCount);
}
