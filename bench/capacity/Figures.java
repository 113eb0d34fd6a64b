import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One row's figures over a window of the run, [from, to) in seconds since the start: the waits of the jobs that
 * became pending in it (pending to taken by a runner), the runner-hours provisioned (pods' lives, start-up included,
 * pods that never came excluded), of them on spot, and busy (jobs running) inside it, their cost in on-demand
 * runner-hours (a spot one at {@link RunnerModel#SPOT_PRICE}), and the pods created in it.
 */
record Figures(
        int jobs,
        long waitP50,
        long waitP95,
        long waitMax,
        double provisionedHours,
        double spotHours,
        double cost,
        double busyHours,
        int started,
        int forNothing,
        int neverCame) {

    static Figures of(Simulation.Run run, long from, long to) {
        List<Long> waits = new ArrayList<>();
        double busy = 0;
        for (Pipeline pipeline : run.pipelines()) {
            for (List<Job> stage : pipeline.stages) {
                for (Job job : stage) {
                    if (job.pendingAt >= from && job.pendingAt < to) {
                        waits.add(job.waited());
                    }
                    busy += overlap(job.takenAt, job.finishedAt, from, to);
                }
            }
        }
        double provisioned = 0;
        double spot = 0;
        double cost = 0;
        int started = 0;
        int forNothing = 0;
        int neverCame = 0;
        for (Pod pod : run.pods()) {
            boolean createdInside = pod.createdAt >= from && pod.createdAt < to;
            if (pod.neverComes) {
                neverCame += createdInside ? 1 : 0;
                continue;
            }
            double lived = overlap(pod.createdAt, pod.exited() ? pod.exitAt : run.end(), from, to);
            provisioned += lived;
            spot += pod.model.spot() ? lived : 0;
            cost += lived * pod.model.price();
            started += createdInside ? 1 : 0;
            forNothing += createdInside && pod.forNothing() ? 1 : 0;
        }
        long[] sorted = waits.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Figures(
                sorted.length,
                percentile(sorted, 0.50),
                percentile(sorted, 0.95),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                provisioned / 3600,
                spot / 3600,
                cost / 3600,
                busy / 3600,
                started,
                forNothing,
                neverCame);
    }

    /**
     * The wait of each working day's first morning pipeline (the first to arrive at or after the rush's start), from
     * its arrival until the last job of its first stage was taken, for the days in [from, to).
     */
    static long[] morningWaits(Simulation.Run run, long start, long from, long to) {
        List<Long> waits = new ArrayList<>();
        for (int d = 0; ; d++) {
            var day = WorkdayShape.FIRST_DAY.plusDays(d);
            long midnight = Workload.secondsAt(day, 0, start);
            if (midnight >= to) {
                break;
            }
            if (midnight < from || !WorkdayShape.workday(day)) {
                continue;
            }
            long rush = Workload.secondsAt(day, WorkdayShape.RUSH_MINUTE, start);
            run.pipelines().stream()
                    .filter(pipeline -> pipeline.planned.at() >= rush)
                    .findFirst()
                    .ifPresent(first -> waits.add(first.stages.get(0).stream()
                                    .mapToLong(job -> job.takenAt)
                                    .max()
                                    .orElseThrow()
                            - first.planned.at()));
        }
        return waits.stream().mapToLong(Long::longValue).toArray();
    }

    /** Nearest rank. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.ceil(p * sorted.length) - 1];
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 0.5);
    }

    private static double overlap(long begin, long end, long from, long to) {
        if (begin < 0 || end < 0) {
            return 0;
        }
        return Math.max(0, Math.min(end, to) - Math.max(begin, from));
    }
}
