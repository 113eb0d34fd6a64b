import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The simulated team's week, in its zone: how many pipelines arrive an hour at each time of day, how many jobs each
 * has and in how many stages, the bursts, and how long a job runs. Every parameter of the workload is here; the
 * README's capacity section lists them.
 */
final class WorkdayShape {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    /** A Monday; no change of summer time in the two weeks that follow. */
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 30);

    /**
     * Pipelines arriving at random (a Poisson process) at {@code perHour} between two minutes of the day, each of
     * {@code minJobs}-{@code maxJobs} jobs (uniform) in 1-{@code maxStages} stages (uniform, at most one a job).
     */
    record Segment(int fromMinute, int toMinute, double perHour, int minJobs, int maxJobs, int maxStages) {}

    static final List<Segment> WORKDAY = List.of(
            new Segment(0, 8 * 60 + 30, 2, 1, 2, 1), // quiet night: scheduled pipelines
            new Segment(8 * 60 + 30, 10 * 60, 40, 3, 8, 3), // morning rush
            new Segment(10 * 60, 12 * 60, 20, 3, 8, 3), // steady day
            new Segment(12 * 60, 13 * 60, 12, 3, 8, 3), // lunch
            new Segment(13 * 60, 17 * 60, 20, 3, 8, 3), // steady day
            new Segment(17 * 60, 19 * 60, 8, 3, 8, 3), // evening tail
            new Segment(19 * 60, 24 * 60, 2, 1, 2, 1)); // quiet night

    static final List<Segment> WEEKEND = List.of(new Segment(0, 24 * 60, 2, 1, 2, 1));

    /** Bursts a working day: a pipeline of {@link #BURST_JOBS} jobs at once, at a uniform time in the window. */
    static final int BURSTS_PER_WORKDAY = 3;

    static final int BURST_JOBS = 30;
    static final int BURST_FROM_MINUTE = 9 * 60 + 30;
    static final int BURST_TO_MINUTE = 16 * 60 + 30;

    /** The morning rush starts here: the first pipeline at or after it is "the first morning pipeline". */
    static final int RUSH_MINUTE = 8 * 60 + 30;

    /** A job runs between these (log-uniform: as many 1-2 min jobs as 5-10 min ones; median 190 s, mean 234 s). */
    static final int MIN_JOB_SECONDS = 60;

    static final int MAX_JOB_SECONDS = 600;

    private WorkdayShape() {}

    static boolean workday(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    static List<Segment> segments(LocalDate day) {
        return workday(day) ? WORKDAY : WEEKEND;
    }
}
