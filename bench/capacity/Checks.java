import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What must hold in every run, checked as it goes: every job ran exactly once, for its duration; no runner ran two
 * jobs; jobs were handed out oldest first; no ScaledJob had more than maxReplicaCount Jobs; the queue drained. A
 * broken one makes the bench exit non-zero.
 */
final class Checks {

    private static final int KEPT = 10;

    private final List<String> violations = new ArrayList<>();
    private int count;
    private long handedOut;

    void fail(String violation) {
        if (count++ < KEPT) {
            violations.add(violation);
        }
    }

    void handedOut(Job job, Pod pod, long now) {
        if (job.takenAt >= 0) {
            fail("job " + job.id + " handed out twice, at " + job.takenAt + " s and " + now + " s");
        }
        if (pod.job != null) {
            fail("runner pod " + pod.id + " took job " + job.id + " after job " + pod.job.id);
        }
        if (job.pendingAt < 0 || job.pendingAt > now) {
            fail("job " + job.id + " handed out at " + now + " s, before it was pending");
        }
        if (job.pendingSeq != handedOut) {
            fail("job " + job.id + " handed out as number " + handedOut + " but was pending as number " + job.pendingSeq
                    + ": not oldest first");
        }
        handedOut++;
    }

    void finished(Job job, long now) {
        if (job.finishedAt >= 0 || job.takenAt < 0) {
            fail("job " + job.id + " finished at " + now + " s: taken at " + job.takenAt + " s, finished at "
                    + job.finishedAt + " s before");
        } else if (now - job.takenAt != job.duration) {
            fail("job " + job.id + " ran " + (now - job.takenAt) + " s instead of " + job.duration + " s");
        }
    }

    void jobsAlive(ScaledJob scaledJob, int jobs, long now) {
        if (jobs > ScaledJob.MAX_REPLICA_COUNT) {
            fail(scaledJob.name + " had " + jobs + " Jobs at " + now + " s, above maxReplicaCount");
        }
    }

    /** Every job ran once, each on a pod of its own. */
    void afterRun(List<Pipeline> pipelines) {
        Set<Integer> pods = new HashSet<>();
        int jobs = 0;
        for (Pipeline pipeline : pipelines) {
            for (List<Job> stage : pipeline.stages) {
                for (Job job : stage) {
                    jobs++;
                    if (job.takenAt < 0 || job.finishedAt < 0) {
                        fail("job " + job.id + " never ran");
                    } else if (!pods.add(job.pod.id)) {
                        fail("runner pod " + job.pod.id + " ran a second job, " + job.id);
                    }
                }
            }
        }
        if (handedOut != jobs) {
            fail(handedOut + " jobs handed out, " + jobs + " planned");
        }
    }

    List<String> violations() {
        List<String> all = new ArrayList<>(violations);
        if (count > KEPT) {
            all.add("... and " + (count - KEPT) + " more");
        }
        return all;
    }
}
