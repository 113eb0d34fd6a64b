package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which policy is in force: periods in their zone, the last in name order wins, none when none matches. */
class CapacityPlanTest {

    private static CapacityPolicy policy(String name, String zone, String... periods) {
        return new CapacityPolicy(
                name,
                java.util.Arrays.stream(periods).map(CronPeriod::parse).toList(),
                ZoneId.of(zone),
                1,
                Duration.ofMinutes(5),
                0,
                0);
    }

    /** Declared out of order on purpose: the plan orders by name. */
    private static final CapacityPlan PLAN = new CapacityPlan(
            2,
            null,
            List.of(
                    policy("30-release", "UTC", "* 12 * * fri"),
                    policy("10-always", "UTC", "* * * * *"),
                    policy("20-berlin-workday", "Europe/Berlin", "* 8-17 * * mon-fri")));

    private static final CapacityPlan NIGHTS_ONLY =
            new CapacityPlan(1, 4, List.of(policy("nights", "America/New_York", "* 0-5 * * *")));

    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            plan   | 2026-12-07T06:59Z | 10-always
            plan   | 2026-12-07T07:00Z | 20-berlin-workday
            plan   | 2026-12-07T16:59Z | 20-berlin-workday
            plan   | 2026-12-07T17:00Z | 10-always
            plan   | 2026-12-12T10:00Z | 10-always
            plan   | 2026-12-11T12:30Z | 30-release
            plan   | 2026-12-11T11:30Z | 20-berlin-workday
            nights | 2026-12-07T05:00Z | nights
            nights | 2026-12-07T10:59Z | nights
            nights | 2026-12-07T11:00Z | ''
            nights | 2026-12-07T04:59Z | ''
            """)
    void theLastMatchingPolicyInNameOrderWins(String plan, String time, String expected) {
        CapacityPlan chosen = plan.equals("plan") ? PLAN : NIGHTS_ONLY;
        String name = chosen.policyAt(ZonedDateTime.parse(time).toInstant())
                .map(CapacityPolicy::name)
                .orElse("");
        assertEquals(expected, name);
    }
}
