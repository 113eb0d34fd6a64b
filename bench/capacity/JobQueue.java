import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/** GitLab's queue of one pool: pending jobs handed out oldest first, one to each runner that asks. */
final class JobQueue implements QueueState {

    private final ArrayDeque<Job> pending = new ArrayDeque<>();
    private final Map<String, Integer> runningOn = new HashMap<>();
    private final Checks checks;
    private long pendingSeq;
    private int running;
    private long changes;

    JobQueue(Checks checks) {
        this.checks = checks;
    }

    void becomePending(Job job, long now) {
        job.pendingAt = now;
        job.pendingSeq = pendingSeq++;
        pending.addLast(job);
        changes++;
    }

    /** A runner asks for a job at {@code now}: the oldest pending one, or null. */
    Job take(Pod pod, long now) {
        Job job = pending.pollFirst();
        if (job == null) {
            return null;
        }
        checks.handedOut(job, pod, now);
        job.takenAt = now;
        job.pod = pod;
        running++;
        changes++;
        runningOn.merge(pod.scaledJob, 1, Integer::sum);
        return job;
    }

    void finished(Job job, long now) {
        checks.finished(job, now);
        job.finishedAt = now;
        running--;
        changes++;
        runningOn.merge(job.pod.scaledJob, -1, Integer::sum);
    }

    boolean idle() {
        return pending.isEmpty() && running == 0;
    }

    @Override
    public int pending() {
        return pending.size();
    }

    @Override
    public int runningOn(String scaledJob) {
        return runningOn.getOrDefault(scaledJob, 0);
    }

    @Override
    public int running() {
        return running;
    }

    @Override
    public int pendingWaitedAtLeast(long now, long seconds) {
        int count = 0;
        for (Job job : pending) {
            if (now - job.pendingAt < seconds) {
                break; // oldest first: the rest waited less
            }
            count++;
        }
        return count;
    }

    @Override
    public long changes() {
        return changes;
    }

    @Override
    public double oldestPendingSeconds(long now) {
        Job oldest = pending.peekFirst();
        return oldest == null ? 0 : now - oldest.pendingAt;
    }
}
