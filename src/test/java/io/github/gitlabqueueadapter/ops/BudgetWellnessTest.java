package io.github.gitlabqueueadapter.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.LogCapture;
import io.github.gitlabqueueadapter.support.MutableClock;
import io.github.gitlabqueueadapter.support.Watching;
import io.github.gitlabqueueadapter.watch.BudgetAllowances;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * 200 watched projects at 60 requests a minute: polled on the 15 s interval they would need 800 requests a minute,
 * so each is read about every 204 s, and the default 2 min max-staleness cannot hold. The adapter says so once in the
 * log, on {@code /q/health/well} and on the status page, and serves a number waiting its turn as stale, not 503.
 */
@QuarkusTest
@TestProfile(BudgetWellnessTest.ShortBudget.class)
@WithTestResource(GitLabWireMock.class)
class BudgetWellnessTest {

    /** More projects than 60 requests a minute can poll every 15 s. */
    public static class ShortBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Watching.projects(IntStream.range(0, 200)
                            .mapToObj(i -> "it/budget-" + i)
                            .toArray(String[]::new))
                    .set("gitlab.requests-per-minute", "60")
                    .set("adapter.poll-interval", "15s") // the defaults, which the tests' own configuration lengthens
                    .set("adapter.max-staleness", "2m")
                    .config();
        }
    }

    /** The 204 s and one poll's attempts: about 4 s with the tests' gitlab.timeout of 1 s, so at least 209 s. */
    private static final String WAY_OUT = "adapter.max-staleness of at least 209s";

    /** The request budget's check among /q/health/well's. */
    private static final String CHECK = "checks.find { it.name == 'request-budget' }";

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Inject
    BudgetAllowances budget;

    @Inject
    QueuePoller poller;

    @Inject
    MutableClock clock;

    @InjectWireMock
    GitLabStubs stubs;

    @Test
    void saysOnceInTheLogOnHealthAndOnTheStatusPageThatMaxStalenessCannotHold() {
        try (LogCapture log = LogCapture.of(BudgetAllowances.class)) {
            given().get("/q/health/well")
                    .then()
                    .body(CHECK + ".status", equalTo("DOWN"))
                    .body(CHECK + ".data.watchedProjects", equalTo(200))
                    .body(CHECK + ".data.requestsPerMinuteNeeded", equalTo(800))
                    .body(CHECK + ".data.requestsPerMinuteUsable", equalTo(59))
                    .body(CHECK + ".data.pollEverySeconds", equalTo(204))
                    .body(CHECK + ".data.maxStalenessSeconds", equalTo(120))
                    .body(CHECK + ".data.waysOut", containsString(WAY_OUT));
            given().get("/")
                    .then()
                    .statusCode(200)
                    .body(containsString("Request budget: 200 projects need 800 requests a minute of the 59 it gives:"
                            + " each polled about every 204 s"))
                    .body(containsString("adapter.max-staleness (120 s) cannot hold"));
            budget.current();
            List<LogCapture.Line> warnings = log.atLeast(Level.WARNING);
            assertEquals(1, warnings.size(), warnings.toString());
            String line = warnings.get(0).message();
            assertTrue(
                    line.contains("200 watched projects need 800 requests a minute, gitlab.requests-per-minute 60"
                            + " gives 59, so a polled project is read about every 204 s"),
                    line);
            assertTrue(line.contains("job events"), line);
            assertTrue(line.contains(WAY_OUT), line);
        }
    }

    @Test
    void aNumberWaitingItsTurnIsStaleWithItsAgeAndWhyThen503OnlyPastWhatTheBudgetExplains() {
        clock.stopAt(T0);
        stubs.jobs("it/budget-7");
        poller.poll(ProjectRef.parse("it/budget-7"));
        clock.advance(Duration.ofSeconds(200)); // older than max-staleness: a 503 before the budget was counted
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Fbudget-7")
                .then()
                .statusCode(200)
                .body("stale", equalTo(true))
                .body("ageSeconds", equalTo(200.0f))
                .body("lastError", containsString("it waits its turn in the request budget"))
                .body("lastError", containsString("about every 204 s"));
        clock.advance(Duration.ofSeconds(80)); // 280 s: past 204 s x 1.25 + its attempts: not its turn alone
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Fbudget-7")
                .then()
                .statusCode(503)
                .body("message", containsString("the interval gitlab.requests-per-minute allows"));
    }
}
