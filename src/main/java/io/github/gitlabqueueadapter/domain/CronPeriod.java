package io.github.gitlabqueueadapter.domain;

import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * One of a GitLab autoscaler policy's {@code periods}: a cron expression of five fields (minute, hour, day of month,
 * month, day of week) that holds while the time's minute matches it. Each field is {@code *}, a value, a range
 * {@code a-b}, any of these with a step {@code /n}, or a comma list of them; months take jan-dec and days of week
 * sun-sat, and day of week 7 is Sunday as 0 is. As in cron, when both day of month and day of week are restricted, a
 * day matching either matches.
 */
public final class CronPeriod {

    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronPeriod(String expression, String[] fields) {
        this.expression = expression;
        minutes = field(fields[0], "minute", 0, 59, List.of(), 0);
        hours = field(fields[1], "hour", 0, 23, List.of(), 0);
        daysOfMonth = field(fields[2], "day of month", 1, 31, List.of(), 0);
        months = field(fields[3], "month", 1, 12, MONTHS, 1);
        BitSet week = field(fields[4], "day of week", 0, 7, DAYS, 0);
        if (week.get(7)) {
            week.set(0);
        }
        daysOfWeek = week;
        anyDayOfMonth = fields[2].startsWith("*");
        anyDayOfWeek = fields[4].startsWith("*");
    }

    /**
     * The period an expression writes.
     *
     * @throws IllegalArgumentException naming the field that is not cron
     */
    public static CronPeriod parse(String expression) {
        String text = expression == null ? "" : expression.strip();
        String[] fields = text.isEmpty() ? new String[0] : text.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("is " + fields.length
                    + " fields; a period is 5: minute hour day-of-month month day-of-week, as '* 8-18 * * mon-fri'"
                    + " (a comma inside one is written \\, in a property)");
        }
        return new CronPeriod(text, fields);
    }

    /** Whether the minute of {@code time}, in its own zone, is in this period. */
    public boolean matches(ZonedDateTime time) {
        if (!minutes.get(time.getMinute()) || !hours.get(time.getHour()) || !months.get(time.getMonthValue())) {
            return false;
        }
        boolean dayOfMonth = daysOfMonth.get(time.getDayOfMonth());
        boolean dayOfWeek = daysOfWeek.get(time.getDayOfWeek().getValue() % 7);
        if (anyDayOfMonth || anyDayOfWeek) {
            return dayOfMonth && dayOfWeek;
        }
        return dayOfMonth || dayOfWeek;
    }

    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression;
    }

    private static BitSet field(String text, String name, int min, int max, List<String> names, int firstName) {
        BitSet values = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), name, 1, max, List.of(), 0);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else {
                int dash = range.indexOf('-');
                from = number(dash < 0 ? range : range.substring(0, dash), name, min, max, names, firstName);
                to = dash < 0
                        ? (slash >= 0 ? max : from)
                        : number(range.substring(dash + 1), name, min, max, names, firstName);
                if (to < from) {
                    throw new IllegalArgumentException(name + " '" + part + "' runs backwards");
                }
            }
            for (int value = from; value <= to; value += step) {
                values.set(value);
            }
        }
        return values;
    }

    private static int number(String text, String name, int min, int max, List<String> names, int firstName) {
        int index = names.indexOf(text.toLowerCase(Locale.ROOT));
        if (index >= 0) {
            return index + firstName;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(
                name + " '" + text + "' is not " + min + "-" + max + (names.isEmpty() ? "" : " or a name"));
    }
}
