import io.github.gitlabqueueadapter.domain.Overflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Capacity policies, measured: a simulated fortnight of CI work replayed through KEDA's ScaledJob and single-job
 * runners, once for each way to scale them ({@link #VARIANTS}), the adapter's number computed by the product's own
 * rules. Prints a markdown table of week 2; exits 1 when a check of {@link Checks} broke in any row.
 *
 * <pre>
 * java -cp target/classes:CLASSES CapacityBench [--quick] [--seed N]
 * </pre>
 *
 * {@code --quick} simulates week 1 and the Monday of week 2 only, and reports that Monday.
 */
public final class CapacityBench {

    /** The rows, in the table's order. */
    static final List<Variant> VARIANTS = List.of(
            QueueLengthVariant.alone(),
            DesiredVariant.scheduleFloor(4, Duration.ofMinutes(5), RunnerModel.ON_DEMAND),
            DesiredVariant.scheduleFloor(4, Duration.ZERO, RunnerModel.ON_DEMAND),
            DesiredVariant.scheduleFloor(4, Duration.ZERO, RunnerModel.ON_DEMAND.withWaitTimeout(600)),
            DesiredVariant.weeklyProfile(RunnerModel.ON_DEMAND),
            DesiredVariant.weeklyProfile(RunnerModel.ON_DEMAND.withWaitTimeout(600)),
            DesiredVariant.scheduleFloor(4, Duration.ZERO, RunnerModel.ON_DEMAND.withWaitTimeout(600))
                    .withWarmUp(),
            DesiredVariant.loadBuffer(0.5, 10, Duration.ofMinutes(5)),
            DesiredVariant.loadBuffer(0.5, 10, Duration.ZERO),
            QueueLengthVariant.accurateOnPending(),
            SpotVariant.alone(),
            SpotVariant.withOverflow(Overflow.DEFAULT_AFTER),
            SpotVariant.withOverflow(Duration.ofSeconds(30)));

    private CapacityBench() {}

    public static void main(String[] args) {
        boolean quick = false;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: CapacityBench [--quick] [--seed N]");
                    System.exit(2);
                }
            }
        }
        int days = quick ? 8 : 14;
        long began = System.nanoTime();
        Workload workload = Workload.draw(seed, days);
        List<Simulation.Run> runs = new ArrayList<>();
        for (Variant variant : VARIANTS) {
            runs.add(Simulation.run(workload, variant, seed));
        }
        long start = workload.startEpochSecond();
        long week2 = dayStart(workload, 7);
        long weekEnd = dayStart(workload, days);
        Table table = new Table()
                .heading(heading(workload, seed, quick, Figures.of(runs.get(0), week2, weekEnd)))
                .heading(quick ? "Monday of week 2:" : "Week 2, working days (Monday to Friday, whole days):")
                .workdays(runs, start, week2, dayStart(workload, Math.min(days, 12)));
        if (!quick) {
            table.heading("Week 2, whole week:").week(runs, week2, weekEnd);
        }
        List<String> broken = new ArrayList<>();
        for (Simulation.Run run : runs) {
            run.checks().violations().forEach(v -> broken.add(run.variant().name() + ": " + v));
        }
        table.settings(runs).line(checks(runs));
        System.out.print(table);
        System.err.printf("simulated %d rows in %.1f s%n", runs.size(), (System.nanoTime() - began) / 1e9);
        if (!broken.isEmpty()) {
            broken.forEach(v -> System.err.println("CHECK BROKEN: " + v));
            System.exit(1);
        }
    }

    private static long dayStart(Workload workload, int day) {
        return Workload.secondsAt(WorkdayShape.FIRST_DAY.plusDays(day), 0, workload.startEpochSecond());
    }

    private static String heading(Workload workload, long seed, boolean quick, Figures reported) {
        RunnerModel runner = RunnerModel.ON_DEMAND;
        return String.format(
                "%s %d, %d simulated days from Monday %s (%s); %d jobs in all, %d of them in the days reported "
                        + "(week 2). KEDA ScaledJob: pollingInterval %d s, maxReplicaCount %d, one runner pod per "
                        + "Job; a runner: %d s from its Job's creation to its first ask for a job (the pod Pending "
                        + "the first %d s), then asks every %d s, `--wait-timeout %d`.",
                quick ? "Quick run: seed" : "Seed",
                seed,
                workload.days(),
                WorkdayShape.FIRST_DAY,
                WorkdayShape.ZONE,
                workload.jobs(),
                reported.jobs(),
                ScaledJob.POLLING_INTERVAL,
                ScaledJob.MAX_REPLICA_COUNT,
                runner.startupSeconds(),
                runner.pendingSeconds(),
                runner.askEverySeconds(),
                runner.waitTimeoutSeconds());
    }

    private static String checks(List<Simulation.Run> runs) {
        long broken = runs.stream()
                .filter(run -> !run.checks().violations().isEmpty())
                .count();
        if (broken > 0) {
            return "CHECKS BROKEN in " + broken + " of " + runs.size() + " rows (listed on stderr).";
        }
        return "Checks held in every row: every job ran exactly once and for its duration, no runner ran two jobs, "
                + "jobs were handed out oldest first, no ScaledJob had more than maxReplicaCount Jobs.";
    }
}
