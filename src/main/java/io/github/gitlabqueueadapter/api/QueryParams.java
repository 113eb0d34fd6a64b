package io.github.gitlabqueueadapter.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain query parameters (a duration, a bounded count), or a 400 that names the parameter. */
final class QueryParams {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(s|m|h|d)");

    private QueryParams() {}

    /** {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d} or ISO-8601 ({@code PT1H}); longer than zero. */
    static Duration duration(String name, String raw) {
        Duration value;
        Matcher m = SHORT.matcher(raw.strip());
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                value = switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                value = Duration.parse(raw.strip());
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ApiException.badRequest(name + " must be a duration such as 90s, 15m, 1h or PT1H");
        }
        if (value.isNegative() || value.isZero()) {
            throw ApiException.badRequest(name + " must be longer than zero");
        }
        return value;
    }

    static int integer(String name, String raw, int min, int max) {
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max);
    }
}
