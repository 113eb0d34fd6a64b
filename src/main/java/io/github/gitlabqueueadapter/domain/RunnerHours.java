package io.github.gitlabqueueadapter.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A pool's runner-hours by day, from its readings ({@link RunnerUse}): each reading's numbers count from its time
 * until the next reading (piecewise constant), at most {@link #MAX_GAP} of it, so that a process paused or stopped
 * invents nothing. The time is split at the days' midnights in {@code zone}, and the last {@code days} days are kept;
 * the totals since the tally began are kept beside them. Immutable; each reading gives the next tally.
 */
public final class RunnerHours {

    /** The longest a reading counts for when no other follows it. */
    public static final Duration MAX_GAP = Duration.ofMinutes(5);

    private static final double HOUR = 3600;

    /**
     * The tally's bounds.
     *
     * @param zone whose midnight ends a day
     * @param days how many days are kept, the newest
     */
    public record Limits(ZoneId zone, int days) {}

    /**
     * One day's runner-seconds.
     *
     * @param talliedSeconds how much of the day the readings cover
     * @param busySeconds runner-seconds busy
     * @param knownSeconds how much of the day the provisioned runners were known
     * @param provisionedSeconds runner-seconds provisioned, over {@code knownSeconds}
     * @param idleSeconds runner-seconds provisioned beyond the busy ones, moment by moment, over {@code knownSeconds}
     * @param sources where the provisioned runners came from
     */
    public record Day(
            LocalDate date,
            double talliedSeconds,
            double busySeconds,
            double knownSeconds,
            double provisionedSeconds,
            double idleSeconds,
            Set<RunnerUse.Source> sources) {

        public Day {
            sources = Set.copyOf(sources);
        }

        private static Day empty(LocalDate date) {
            return new Day(date, 0, 0, 0, 0, 0, Set.of());
        }

        /** This day with {@code use} counted for {@code seconds}. */
        private Day plus(double seconds, RunnerUse use) {
            if (use.provisioned() == null) {
                return new Day(
                        date,
                        talliedSeconds + seconds,
                        busySeconds + seconds * use.busy(),
                        knownSeconds,
                        provisionedSeconds,
                        idleSeconds,
                        sources);
            }
            Set<RunnerUse.Source> from = EnumSet.of(use.from());
            from.addAll(sources);
            return new Day(
                    date,
                    talliedSeconds + seconds,
                    busySeconds + seconds * use.busy(),
                    knownSeconds + seconds,
                    provisionedSeconds + seconds * use.provisioned(),
                    idleSeconds + seconds * Math.max(0, use.provisioned() - use.busy()),
                    from);
        }

        public double busyRunnerHours() {
            return busySeconds / HOUR;
        }

        /** Null when the provisioned runners were never known this day. */
        public Double provisionedRunnerHours() {
            return knownSeconds == 0 ? null : provisionedSeconds / HOUR;
        }

        /** The provisioned runner-hours no job used; null when the provisioned runners were never known this day. */
        public Double idleRunnerHours() {
            return knownSeconds == 0 ? null : idleSeconds / HOUR;
        }

        /**
         * The share of the provisioned runner-hours that were idle: {@code 1 - busy / provisioned} while busy never
         * exceeds provisioned (a moment with more busy than provisioned counts no idle, and no less). Null when the
         * provisioned runners were never known this day, or none were provisioned.
         */
        public Double idleShare() {
            return provisionedSeconds == 0 ? null : idleSeconds / provisionedSeconds;
        }

        /** The provisioned runner-hours at {@code pricePerRunnerHour}; null when they are unknown. */
        public Double cost(double pricePerRunnerHour) {
            Double provisioned = provisionedRunnerHours();
            return provisioned == null ? null : provisioned * pricePerRunnerHour;
        }

        /** {@code keda}, {@code desired}, {@code mixed} when the day had both; null when never known. */
        public String provisionedFrom() {
            if (sources.isEmpty()) {
                return null;
            }
            return sources.size() == 1 ? sources.iterator().next().code() : "mixed";
        }
    }

    private final Limits limits;
    private final RunnerUse last;
    /** Oldest first, at most {@code limits.days()}, only days with time tallied. */
    private final List<Day> days;

    private final double busySeconds;
    private final double provisionedSeconds;

    private RunnerHours(Limits limits, RunnerUse last, List<Day> days, double busySeconds, double provisionedSeconds) {
        this.limits = limits;
        this.last = last;
        this.days = List.copyOf(days);
        this.busySeconds = busySeconds;
        this.provisionedSeconds = provisionedSeconds;
    }

    /** Nothing tallied yet. */
    public static RunnerHours start(Limits limits) {
        return new RunnerHours(limits, null, List.of(), 0, 0);
    }

    /**
     * The tally with the last reading counted until {@code reading} (at most {@link #MAX_GAP}), which then counts from
     * its own time. A reading older than the last is ignored: it would count time twice.
     */
    public RunnerHours next(RunnerUse reading) {
        if (last == null) {
            return new RunnerHours(limits, reading, days, busySeconds, provisionedSeconds);
        }
        if (reading.at().isBefore(last.at())) {
            return this;
        }
        Instant until =
                reading.at().isAfter(last.at().plus(MAX_GAP)) ? last.at().plus(MAX_GAP) : reading.at();
        List<Day> tally = new ArrayList<>(days);
        double busy = busySeconds;
        double provisioned = provisionedSeconds;
        Instant from = last.at();
        while (from.isBefore(until)) {
            LocalDate date = LocalDate.ofInstant(from, limits.zone());
            Instant midnight = date.plusDays(1).atStartOfDay(limits.zone()).toInstant();
            Instant to = midnight.isBefore(until) ? midnight : until;
            double seconds = Seconds.between(from, to);
            add(tally, date, seconds);
            busy += seconds * last.busy();
            provisioned += last.provisioned() == null ? 0 : seconds * last.provisioned();
            from = to;
        }
        while (tally.size() > limits.days()) {
            tally.remove(0);
        }
        return new RunnerHours(limits, reading, tally, busy, provisioned);
    }

    private void add(List<Day> tally, LocalDate date, double seconds) {
        Day newest = tally.isEmpty() ? null : tally.get(tally.size() - 1);
        if (newest != null && newest.date().equals(date)) {
            tally.set(tally.size() - 1, newest.plus(seconds, last));
        } else {
            tally.add(Day.empty(date).plus(seconds, last));
        }
    }

    /** The days kept, newest first; empty until two readings counted some time. */
    public List<Day> days() {
        List<Day> newestFirst = new ArrayList<>(days);
        Collections.reverse(newestFirst);
        return List.copyOf(newestFirst);
    }

    /** Runner-seconds busy since the tally began, the days no longer kept included. */
    public double busySeconds() {
        return busySeconds;
    }

    /** Runner-seconds provisioned since the tally began, where known, the days no longer kept included. */
    public double provisionedSeconds() {
        return provisionedSeconds;
    }

    public ZoneId zone() {
        return limits.zone();
    }
}
