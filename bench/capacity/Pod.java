/** One runner pod, the only pod of one Kubernetes Job that a ScaledJob created. */
final class Pod {

    final int id;
    final String scaledJob;
    final RunnerModel model;
    final long createdAt;
    final boolean neverComes;
    Job job;
    long exitAt = -1;

    Pod(int id, String scaledJob, RunnerModel model, long createdAt, boolean neverComes) {
        this.id = id;
        this.scaledJob = scaledJob;
        this.model = model;
        this.createdAt = createdAt;
        this.neverComes = neverComes;
    }

    boolean exited() {
        return exitAt >= 0;
    }

    /** Whether KEDA sees the pod Running (its {@code isAnyPodRunningOrCompleted}); false while Pending. */
    boolean podRunning(long now) {
        return !neverComes && now >= createdAt + model.pendingSeconds();
    }

    /** The job this pod's runner finishes at {@code now}, if any; the pod then exits. */
    Job finishing(long now) {
        if (job != null && !exited() && now >= job.takenAt + job.duration) {
            exitAt = now;
            return job;
        }
        return null;
    }

    /** At {@code now}, the runner asks the queue for a job when it is its time, or gives up: wait-timeout, deadline. */
    void ask(JobQueue queue, long now) {
        if (exited() || job != null) {
            return;
        }
        if (neverComes) {
            if (now >= createdAt + model.neverComeDeadlineSeconds()) {
                exitAt = now;
            }
            return;
        }
        long registered = createdAt + model.startupSeconds();
        if (now < registered || (now - registered) % model.askEverySeconds() != 0) {
            return;
        }
        job = queue.take(this, now);
        if (job == null && now - registered >= model.waitTimeoutSeconds()) {
            exitAt = now;
        }
    }

    /** Started for nothing: it came, and exited without a job. */
    boolean forNothing() {
        return exited() && job == null && !neverComes;
    }
}
