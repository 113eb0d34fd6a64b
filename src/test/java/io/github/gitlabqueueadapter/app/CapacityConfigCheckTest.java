package io.github.gitlabqueueadapter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.support.TestConfigs;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A pool's capacity keys stop the start with one line naming the key when they are not GitLab's policy terms; so do
 * its price and the cost tally's keys when they are not a price, a zone and a number of days.
 */
class CapacityConfigCheckTest {

    private static final GitLabConfig GITLAB = TestConfigs.gitlab("gitlab.token", "glpat-secret-value");
    private static final String POOL = "adapter.pools.docker.";

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            capacity-per-runner                | 0                  | is 0; at least 1
            max-runners                        | 0                  | is 0; at least 1
            policies.workday.periods           | * 8-18 * * mon-fry | day of week 'fry'
            policies.workday.periods           | * 8-18 * *         | is 4 fields
            policies.weekend.periods           | * * * * sat,sun    | 'sun': is 1 fields
            policies.workday.timezone          | Europe/Berlinn     | 'Europe/Berlinn' is not an IANA zone
            policies.workday.idle-count        | -1                 | is -1; at least 0
            policies.workday.idle-time         | -1s                | at least 0s
            policies.workday.scale-factor      | -0.5               | is -0.5; at least 0
            policies.workday.scale-factor-limit | -2                | is -2; at least 0
            cost-per-runner-hour               | -0.5               | is -0.5; a price of at least 0
            cost-per-runner-hour               | NaN                | is NaN; a price of at least 0
            cost-per-runner-hour               | Infinity           | is Infinity; a price of at least 0
            warm-up.lead                       | -1s                | is PT-1S; 0s to 1h
            warm-up.lead                       | 61m                | is PT1H1M; 0s to 1h
            warm-up.timezone                   | Europe/Berln       | 'Europe/Berln' is not an IANA zone
            """)
    void aBadCapacityKeyIsOneLineNamingIt(String key, String value, String reason) {
        List<String> problems = problemsOfPool(key, value);
        assertEquals(1, problems.size(), problems.toString());
        String line = problems.get(0);
        assertTrue(line.startsWith(POOL + key + " (env "), line);
        assertTrue(line.contains(reason), line);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            adapter.cost.timezone | Mars/Olympus | 'Mars/Olympus' is not an IANA zone
            adapter.cost.days     | 0            | 1
            adapter.cost.days     | 367          | 366
            """)
    void aBadCostKeyIsOneLineNamingIt(String key, String value, String reason) {
        List<String> problems = ConfigCheck.problems(GITLAB, TestConfigs.adapter(key, value));
        assertEquals(1, problems.size(), problems.toString());
        String line = problems.get(0);
        assertTrue(line.startsWith(key + " (env "), line);
        assertTrue(line.contains(reason), line);
    }

    /** The problems of pool {@code docker} over one project with these keys of it (key, value, key, value...). */
    private static List<String> problemsOfPool(String... keyValues) {
        List<String> config = new java.util.ArrayList<>(List.of(POOL + "projects", "g/app"));
        for (int i = 0; i < keyValues.length; i += 2) {
            config.add(POOL + keyValues[i]);
            config.add(keyValues[i + 1]);
        }
        return ConfigCheck.problems(GITLAB, TestConfigs.adapter(config.toArray(String[]::new)));
    }

    @Test
    void gitLabsPolicyTermsAreValid() {
        assertEquals(
                List.of(),
                ConfigCheck.problems(
                        GITLAB,
                        TestConfigs.adapter(
                                POOL + "projects",
                                "g/app",
                                POOL + "capacity-per-runner",
                                "4",
                                POOL + "max-runners",
                                "20",
                                POOL + "policies.workday.periods",
                                "* 8-18 * * mon-fri,*/30 0-7 * * sat\\,sun",
                                POOL + "policies.workday.timezone",
                                "Europe/Berlin",
                                POOL + "policies.workday.idle-count",
                                "8",
                                POOL + "policies.workday.idle-time",
                                "30m",
                                POOL + "policies.workday.scale-factor",
                                "0.5",
                                POOL + "policies.workday.scale-factor-limit",
                                "10",
                                POOL + "cost-per-runner-hour",
                                "0.42",
                                "adapter.cost.timezone",
                                "Europe/Berlin",
                                "adapter.cost.days",
                                "30")));
    }

    @ParameterizedTest(name = "lead {0}")
    @CsvSource(textBlock = """
            0s
            90s
            1h
            """)
    void warmUpIsValidWithALeadOfNoneToAnHourAndAZone(String lead) {
        assertEquals(
                List.of(),
                problemsOfPool("warm-up.enabled", "true", "warm-up.lead", lead, "warm-up.timezone", "Europe/Berlin"));
    }
}
