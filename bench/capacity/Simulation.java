import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One row's run: the workload replayed second by second (no sleeping) through KEDA's ScaledJobs and their runner
 * pods, until the last day has ended and every job has run. Within a second: pipelines arrive, runners finish
 * their jobs (a finished stage makes the next one pending), runners ask for jobs in the order their pods were
 * created, then the adapter samples the queue and each ScaledJob whose polling second it is reads its trigger and
 * creates Jobs.
 */
final class Simulation {

    /** How long past the last day the queue may take to drain before the run counts as broken. */
    private static final long DRAIN_LIMIT = 2 * 86_400;

    record Run(
            Variant variant,
            List<ScaledJob> scaledJobs,
            List<Pipeline> pipelines,
            List<Pod> pods,
            long end,
            Checks checks) {}

    private Simulation() {}

    static Run run(Workload workload, Variant variant, long seed) {
        Checks checks = new Checks();
        JobQueue queue = new JobQueue(checks);
        List<ScaledJob> scaledJobs = variant.scaledJobs();
        scaledJobs.forEach(scaledJob -> scaledJob.seed(seed));
        List<Pipeline> pipelines = new ArrayList<>();
        int jobId = 0;
        for (Workload.Planned planned : workload.pipelines()) {
            pipelines.add(new Pipeline(planned, jobId));
            jobId += planned.jobs();
        }
        List<Pod> pods = new ArrayList<>();
        List<Pod> alive = new ArrayList<>();
        long horizon =
                Workload.secondsAt(WorkdayShape.FIRST_DAY.plusDays(workload.days()), 0, workload.startEpochSecond());
        int next = 0;
        long t = 0;
        for (; ; t++) {
            while (next < pipelines.size() && pipelines.get(next).planned.at() <= t) {
                for (Job job : pipelines.get(next++).start()) {
                    queue.becomePending(job, t);
                }
            }
            for (Pod pod : alive) {
                Job done = pod.finishing(t);
                if (done != null) {
                    queue.finished(done, t);
                    for (Job job : done.pipeline.finished()) {
                        queue.becomePending(job, t);
                    }
                }
            }
            for (Pod pod : alive) {
                pod.ask(queue, t);
            }
            alive.removeIf(Pod::exited);
            Instant now = Instant.ofEpochSecond(workload.startEpochSecond() + t);
            for (ScaledJob scaledJob : scaledJobs) {
                scaledJob.sample(now, t, queue);
                if (scaledJob.pollsAt(t)) {
                    List<Pod> created = scaledJob.poll(now, t, queue, pods.size(), checks);
                    pods.addAll(created);
                    alive.addAll(created);
                }
            }
            if (t >= horizon && next == pipelines.size() && queue.idle()) {
                break;
            }
            if (t >= horizon + DRAIN_LIMIT) {
                checks.fail("the queue had not drained " + DRAIN_LIMIT + " s after the last day");
                break;
            }
        }
        checks.afterRun(pipelines);
        return new Run(variant, scaledJobs, pipelines, pods, t, checks);
    }
}
