package io.github.gitlabqueueadapter.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A pool's weekly profile of demand: for each of the {@value #HOURS} hours of the week, read in the profile's zone (so
 * that a rush at 09:00 stays at 09:00 across daylight saving), the demand such an hour usually sees. An hour's demand
 * is the peak of pending + running sampled during it. When the hour is over (a sample of a later hour comes) it
 * updates its hour of the week as an exponentially weighted mean over weeks: the first week as it was, each later
 * week with weight {@value #NEWEST_WEEK_WEIGHT}, so that a profile follows a change of habits within a few weeks. An
 * hour counts only when its samples began within its first {@value #FIRST_MINUTES} minutes: a replica that starts at
 * 09:40 does not take twenty minutes for the whole hour. An hour of the week no week was seen for says nothing.
 * Immutable: each sample gives the next profile. Bounded by construction: {@value #HOURS} hours and the one open hour.
 */
public final class WeeklyProfile {

    /** Hours in a week: one bucket each. */
    public static final int HOURS = 7 * 24;

    /** The weight of the newest week in an hour's mean; the weeks before share the rest. */
    public static final double NEWEST_WEEK_WEIGHT = 0.5;

    /** An hour counts only when it was sampled from within its first minutes. */
    public static final int FIRST_MINUTES = 15;

    /** Most weeks counted for an hour (the count is said, the mean does not need it). */
    public static final int MAX_WEEKS = 999;

    /**
     * One hour of the week.
     *
     * @param mean the demand such an hour usually sees, in jobs (pending + running at the hour's peak)
     * @param weeks how many weeks were seen for it; 0: nothing is known of it
     */
    public record Hour(double mean, int weeks) {

        public static final Hour UNSEEN = new Hour(0, 0);

        public Hour {
            if (!(mean >= 0) || Double.isInfinite(mean) || weeks < 0 || weeks > MAX_WEEKS) {
                throw new IllegalArgumentException("an hour's mean is at least 0 and its weeks 0 to " + MAX_WEEKS);
            }
        }

        public boolean seen() {
            return weeks > 0;
        }

        /** The jobs such an hour usually needs: the mean, rounded to the nearest. */
        public int jobs() {
            return (int) Math.min(Integer.MAX_VALUE, Math.round(mean));
        }

        Hour after(int peak) {
            return weeks == 0
                    ? new Hour(peak, 1)
                    : new Hour(mean + (peak - mean) * NEWEST_WEEK_WEIGHT, Math.min(MAX_WEEKS, weeks + 1));
        }
    }

    /**
     * An hour of the week within a stretch of time.
     *
     * @param hourOfWeek 0 is Monday 00:00 in the profile's zone, 167 Sunday 23:00
     * @param startsAt when it starts (for the hour the stretch began in, before the stretch)
     */
    public record Upcoming(int hourOfWeek, Instant startsAt, Hour hour) {}

    /** The hour being sampled: its local start, its peak so far, and whether it was sampled from its first minutes. */
    private record Open(LocalDateTime hour, int peak, boolean fromStart) {}

    private final ZoneId zone;
    private final Hour[] hours;
    private final Open open;
    private final long hoursCounted;

    private WeeklyProfile(ZoneId zone, Hour[] hours, Open open, long hoursCounted) {
        this.zone = zone;
        this.hours = hours;
        this.open = open;
        this.hoursCounted = hoursCounted;
    }

    /** A profile that knows nothing yet. */
    public static WeeklyProfile empty(ZoneId zone) {
        Hour[] hours = new Hour[HOURS];
        Arrays.fill(hours, Hour.UNSEEN);
        return new WeeklyProfile(zone, hours, null, 0);
    }

    /** A profile of these hours of the week (by hour of week), the others unseen: one kept elsewhere, read back. */
    public static WeeklyProfile of(ZoneId zone, Map<Integer, Hour> known) {
        Hour[] hours = empty(zone).hours;
        known.forEach((index, hour) -> {
            if (index < 0 || index >= HOURS) {
                throw new IllegalArgumentException("an hour of the week is 0 to " + (HOURS - 1) + ": " + index);
            }
            hours[index] = hour;
        });
        return new WeeklyProfile(zone, hours, null, 0);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The {@value #HOURS} hours of the week, Monday 00:00 first. */
    public List<Hour> hours() {
        return List.of(hours);
    }

    /** How many hours were counted into this profile since it was made: it grows when an hour is over. */
    public long hoursCounted() {
        return hoursCounted;
    }

    /** The most weeks any hour has seen. */
    public int weeksSeen() {
        return Arrays.stream(hours).mapToInt(Hour::weeks).max().orElse(0);
    }

    /** How many hours of the week were seen at least once. */
    public int hoursSeen() {
        return (int) Arrays.stream(hours).filter(Hour::seen).count();
    }

    /** The profile after a sample of {@code demand} jobs (pending + running) at {@code at}. */
    public WeeklyProfile observe(Instant at, int demand) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        LocalDateTime hour = local.truncatedTo(ChronoUnit.HOURS);
        int peak = Math.max(0, demand);
        boolean fromStart = local.getMinute() < FIRST_MINUTES;
        if (open == null) {
            return new WeeklyProfile(zone, hours, new Open(hour, peak, fromStart), hoursCounted);
        }
        int order = hour.compareTo(open.hour());
        if (order < 0 || (order == 0 && peak <= open.peak())) {
            return this; // older than the open hour (samples come from several threads), or no new peak
        }
        if (order == 0) {
            return new WeeklyProfile(zone, hours, new Open(hour, peak, open.fromStart()), hoursCounted);
        }
        if (!open.fromStart()) {
            return new WeeklyProfile(zone, hours, new Open(hour, peak, fromStart), hoursCounted);
        }
        Hour[] next = hours.clone();
        int index = hourOfWeek(open.hour());
        next[index] = next[index].after(open.peak());
        return new WeeklyProfile(zone, next, new Open(hour, peak, fromStart), hoursCounted + 1);
    }

    /**
     * The busiest hour of the week known within {@code [now, now + lead]} (the hour {@code now} is in, and each one
     * that starts by then); the first of them on a tie; empty when none was seen.
     */
    public Optional<Upcoming> busiestWithin(Instant now, Duration lead) {
        Upcoming busiest = null;
        for (Upcoming hour : upcoming(now, now.plus(lead), HOURS + 1)) {
            if (hour.hour().seen()
                    && (busiest == null || hour.hour().jobs() > busiest.hour().jobs())) {
                busiest = hour;
            }
        }
        return Optional.ofNullable(busiest);
    }

    /** The hour {@code now} is in and the {@code count - 1} after it. */
    public List<Upcoming> next(Instant now, int count) {
        return upcoming(now, Instant.MAX, count);
    }

    /** The hours from {@code from} until {@code until} (at most {@code most}); an hour DST repeats comes once. */
    private List<Upcoming> upcoming(Instant from, Instant until, int most) {
        List<Upcoming> out = new ArrayList<>();
        ZonedDateTime t = from.atZone(zone);
        while (out.size() < most && !t.toInstant().isAfter(until)) {
            int index = hourOfWeek(t.toLocalDateTime());
            ZonedDateTime start = t.truncatedTo(ChronoUnit.HOURS);
            if (out.isEmpty() || out.get(out.size() - 1).hourOfWeek() != index) {
                out.add(new Upcoming(index, start.toInstant(), hours[index]));
            }
            t = start.plusHours(1);
        }
        return out;
    }

    /**
     * This profile with the hours it has not seen taken from {@code kept} (the profile another replica wrote); the
     * hours seen here and the open hour stay. A profile of another zone is not taken: its hours are other hours.
     */
    public WeeklyProfile restoredFrom(WeeklyProfile kept) {
        if (!kept.zone.equals(zone)) {
            return this;
        }
        Hour[] merged = hours.clone();
        for (int i = 0; i < HOURS; i++) {
            if (!merged[i].seen()) {
                merged[i] = kept.hours[i];
            }
        }
        return new WeeklyProfile(zone, merged, open, hoursCounted);
    }

    /** 0 for Monday 00:00, 167 for Sunday 23:00. */
    public static int hourOfWeek(LocalDateTime local) {
        return (local.getDayOfWeek().getValue() - 1) * 24 + local.getHour();
    }

    /** {@code Mon 09:00}. */
    public static String label(int hourOfWeek) {
        return DayOfWeek.of(hourOfWeek / 24 + 1).getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                + String.format(Locale.ROOT, " %02d:00", hourOfWeek % 24);
    }
}
