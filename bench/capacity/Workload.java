import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The pipelines of the simulated days, drawn once from a seed (java.util.Random, whose sequence Java specifies), so
 * that every row replays the very same jobs and a run with the same seed gives the same table.
 *
 * @param startEpochSecond the first day's midnight in the zone; every time of the simulation is seconds since it
 */
record Workload(long startEpochSecond, int days, List<Planned> pipelines) {

    /**
     * A pipeline as planned: when it arrives (seconds since the start) and its jobs' durations, stage by stage; a
     * stage's jobs become pending together when the stage before has finished.
     */
    record Planned(int id, long at, List<int[]> stages, boolean burst) {
        int jobs() {
            return stages.stream().mapToInt(stage -> stage.length).sum();
        }
    }

    static Workload draw(long seed, int days) {
        Random random = new Random(seed);
        long start = WorkdayShape.FIRST_DAY.atStartOfDay(WorkdayShape.ZONE).toEpochSecond();
        List<Planned> drawn = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate day = WorkdayShape.FIRST_DAY.plusDays(d);
            for (WorkdayShape.Segment segment : WorkdayShape.segments(day)) {
                double perSecond = segment.perHour() / 3600;
                double at = secondsAt(day, segment.fromMinute(), start);
                double end = secondsAt(day, segment.toMinute(), start);
                while (true) {
                    at += -Math.log(1 - random.nextDouble()) / perSecond;
                    if (at >= end) {
                        break;
                    }
                    int jobs = segment.minJobs() + random.nextInt(segment.maxJobs() - segment.minJobs() + 1);
                    int stages = Math.min(jobs, 1 + random.nextInt(segment.maxStages()));
                    drawn.add(new Planned(0, (long) at, stages(random, jobs, stages), false));
                }
            }
            if (WorkdayShape.workday(day)) {
                for (int b = 0; b < WorkdayShape.BURSTS_PER_WORKDAY; b++) {
                    int minute = WorkdayShape.BURST_FROM_MINUTE
                            + random.nextInt(WorkdayShape.BURST_TO_MINUTE - WorkdayShape.BURST_FROM_MINUTE);
                    long at = secondsAt(day, minute, start) + random.nextInt(60);
                    drawn.add(new Planned(0, at, stages(random, WorkdayShape.BURST_JOBS, 1), true));
                }
            }
        }
        drawn.sort(Comparator.comparingLong(Planned::at));
        List<Planned> numbered = new ArrayList<>();
        for (Planned p : drawn) {
            numbered.add(new Planned(numbered.size(), p.at(), p.stages(), p.burst()));
        }
        return new Workload(start, days, List.copyOf(numbered));
    }

    /** Seconds since the start at a minute of a day in the zone (minute 1440 is the next midnight). */
    static long secondsAt(LocalDate day, int minute, long start) {
        ZonedDateTime at = minute >= 24 * 60
                ? day.plusDays(1).atStartOfDay(WorkdayShape.ZONE)
                : ZonedDateTime.of(day, LocalTime.of(minute / 60, minute % 60), WorkdayShape.ZONE);
        return at.toEpochSecond() - start;
    }

    private static List<int[]> stages(Random random, int jobs, int stages) {
        int[][] durations = new int[stages][];
        for (int s = 0; s < stages; s++) {
            durations[s] = new int[jobs / stages + (s < jobs % stages ? 1 : 0)];
        }
        double ratio = (double) WorkdayShape.MAX_JOB_SECONDS / WorkdayShape.MIN_JOB_SECONDS;
        for (int[] stage : durations) {
            for (int j = 0; j < stage.length; j++) {
                stage[j] = (int) Math.round(WorkdayShape.MIN_JOB_SECONDS * Math.pow(ratio, random.nextDouble()));
            }
        }
        return List.of(durations);
    }

    int jobs() {
        return pipelines.stream().mapToInt(Planned::jobs).sum();
    }
}
