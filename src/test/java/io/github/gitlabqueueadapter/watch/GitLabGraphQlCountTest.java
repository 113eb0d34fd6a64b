package io.github.gitlabqueueadapter.watch;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.runningJob;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.gitlab.RequestBudget;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabGraphQl;
import io.github.gitlabqueueadapter.support.GitLabRunnerStubs;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.LogCapture;
import io.github.gitlabqueueadapter.support.MutableClock;
import io.github.gitlabqueueadapter.support.Watching;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code gitlab.instance-count=graphql}: the pool {@code gql} (it/gql-a and it/gql-b; runners 81 and 82, instance
 * runners of the same matcher, and 83, a project runner of it/gql-b) counts the pending jobs GitLab's GraphQL lists for
 * one runner of each matcher, against a stand-in that computes them by GitLab's rule ({@link GitLabGraphQl}). That
 * stand-in holds other jobs than the REST pages, so that each answer shows which way it was counted: by the REST model
 * the pool has 4 pending jobs, by GitLab 7. Runners, polls and GitLab's count are read here by hand (the test profile
 * runs no scheduler).
 */
@QuarkusTest
@TestProfile(GitLabGraphQlCountTest.GraphQlPool.class)
@WithTestResource(GitLabWireMock.class)
class GitLabGraphQlCountTest {

    public static class GraphQlPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Watching.nothingYet()
                    .pool("gql", "projects", "it/gql-a,it/gql-b", "runners", "81,82,83")
                    .set("gitlab.instance-count", "graphql")
                    .set("adapter.max-pages", "2") // the polls here read one page a project
                    .config();
        }
    }

    private static final GitLabGraphQl.Runner R81 =
            new GitLabGraphQl.Runner(81, "instance_type", Set.of("docker"), false, false, Set.of());
    private static final GitLabGraphQl.Runner R82 =
            new GitLabGraphQl.Runner(82, "instance_type", Set.of("docker"), false, false, Set.of());
    private static final GitLabGraphQl.Runner R83 =
            new GitLabGraphQl.Runner(83, "project_type", Set.of("docker", "linux"), true, false, Set.of("583"));

    @InjectWireMock
    WireMockServer wiremock;

    @InjectWireMock
    GitLabStubs stubs;

    @Inject
    QueuePoller poller;

    @Inject
    RunnerRefresh runners;

    @Inject
    GitLabCountRefresh counting;

    @Inject
    RequestBudget budget;

    @Inject
    MutableClock clock;

    @Inject
    BudgetDemand demand;

    private GitLabGraphQl graphql;

    @BeforeEach
    void gitlab() {
        graphql = new GitLabGraphQl(wiremock);
        GitLabRunnerStubs rest = new GitLabRunnerStubs(wiremock);
        stubs.jobs("it/gql-a", pendingJob(5, "docker"), pendingJob(5, "docker"), runningJob(81), runningJob(99));
        stubs.jobs("it/gql-b", pendingJob(5, "linux"), pendingJob(5), runningJob(83));
        rest.project("it/gql-a", 601, "\"shared_runners_enabled\":true,\"group_runners_enabled\":true");
        rest.project("it/gql-b", 583, "\"shared_runners_enabled\":true,\"group_runners_enabled\":true");
        rest.runner(81, "instance_type", "[\"docker\"]", false, "not_protected", false);
        rest.runner(82, "instance_type", "[\"docker\"]", false, "not_protected", false);
        rest.runner(83, "project_type", "[\"docker\",\"linux\"]", true, "not_protected", false, "it/gql-b", "it");
        poller.poll(ProjectRef.parse("it/gql-a"));
        poller.poll(ProjectRef.parse("it/gql-b"));
        runners.refreshAll();
    }

    /** GitLab's pending jobs: what 81 (and 82) take, what 83 takes, and jobs of a project outside the pool. */
    private static List<GitLabGraphQl.Job> gitlabJobs(int dockerJobsOfA) {
        List<GitLabGraphQl.Job> jobs =
                new ArrayList<>(GitLabGraphQl.jobs(dockerJobsOfA, 1000, 601, "it/gql-a", "docker"));
        jobs.add(new GitLabGraphQl.Job(4, 601, "it/gql-a", Set.of("linux"), false)); // 83 is not a's runner
        jobs.add(new GitLabGraphQl.Job(10, 583, "it/gql-b", Set.of("docker"), false)); // 81 and 83 both take it
        jobs.add(new GitLabGraphQl.Job(11, 583, "it/gql-b", Set.of("linux"), false));
        jobs.add(new GitLabGraphQl.Job(12, 583, "it/gql-b", Set.of("linux"), false));
        jobs.add(new GitLabGraphQl.Job(13, 583, "it/gql-b", Set.of(), false));
        jobs.addAll(GitLabGraphQl.jobs(2, 20, 900, "it/elsewhere", "docker")); // not the pool's project
        return jobs;
    }

    /**
     * The runner, project-settings and GraphQL reads come out of the same request budget as the polls: the budget's
     * arithmetic counts them among the other reads, or it would promise polls a cadence they cannot have (with 10,000
     * projects and five pools of runners, bench/scale.sh saw some 900 such reads a minute).
     */
    @Test
    void runnerAndGraphQlReadsCountInTheBudgetsArithmetic() {
        graphql.serve(gitlabJobs(3), List.of(R81, R82, R83));
        double before = demand.demand(clock.instant()).otherPerMinute();
        long slots = budget.granted();

        runners.refreshAll();
        counting.refreshAll();

        long requests = budget.granted() - slots;
        assertTrue(requests > 2, "runners and project settings read again, and two GraphQL requests: " + requests);
        assertEquals(
                before + requests / 10.0, // counted over the last 10 minutes
                demand.demand(clock.instant()).otherPerMinute(),
                1e-9,
                "every request beside the polls counts");
    }

    @Test
    void onePagedRequestPerDistinctMatcherEachInTheBudgetAndThePoolCountsTheUnion() {
        given().get("/queues/pools/gql")
                .then()
                .statusCode(200)
                .body("pending", equalTo(4)) // by the model, until GitLab has counted once
                .body("countedBy", nullValue());
        graphql.serve(gitlabJobs(3), List.of(R81, R82, R83));
        long slots = budget.granted();

        counting.refreshAll();

        assertEquals(1, graphql.requestsAbout(81));
        assertEquals(0, graphql.requestsAbout(82), "82 has 81's matcher: one question for both");
        assertEquals(1, graphql.requestsAbout(83));
        assertEquals(2, budget.granted() - slots, "each GraphQL request takes a slot of the request budget");
        given().get("/queues/pools/gql")
                .then()
                .statusCode(200)
                .body("pending", equalTo(7)) // a: 3 docker; b: docker (listed for 81 and 83, once), 2 linux, untagged
                .body("running", equalTo(2)) // from the polls, on 81 and 83
                .body("total", equalTo(9))
                .body("oldestPendingSeconds", equalTo(12.5f))
                .body("stale", equalTo(false))
                .body("countedBy", equalTo("gitlab-graphql"))
                .body("gitlabCount.runnersAsked", contains(81, 83))
                .body("gitlabCount.requests", equalTo(2))
                .body("gitlabCount.projects.project", contains("it/gql-a", "it/gql-b"))
                .body("gitlabCount.projects.pending", contains(3, 4))
                .body("gitlabCount.lastError", nullValue());

        // 230 docker jobs of a: three pages for 81, of which adapter.max-pages (2) are read, each a request and a slot
        graphql.serve(gitlabJobs(230), List.of(R81, R82, R83));
        wiremock.resetRequests();
        slots = budget.granted();
        counting.refreshAll();
        assertEquals(2, graphql.requestsAbout(81));
        assertEquals(3, budget.granted() - slots);
        given().get("/queues/pools/gql")
                .then()
                .body("pending", equalTo(204)) // the newest 200 of a; b's 4
                .body("capped", equalTo(true))
                .body("gitlabCount.requests", equalTo(3));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not an administrator", "no Query.jobs", "no compatibleRunnerId", "HTTP 403"})
    void aGitLabThatCannotCountIsSaidOnceAndThePoolCountsByTheModelUntilAskedAgainAnHourLater(String refusal) {
        graphql.serve(gitlabJobs(3), List.of(R81, R82, R83));
        counting.refreshAll();
        given().get("/queues/pools/gql").then().body("pending", equalTo(7));
        switch (refusal) {
            case "not an administrator" -> graphql.notAdministrator();
            case "no Query.jobs" -> graphql.noJobsField();
            case "no compatibleRunnerId" -> graphql.noCompatibleRunnerArgument();
            default -> graphql.everyRequest(403, "{\"message\":\"403 Forbidden\"}");
        }
        wiremock.resetRequests();
        try (LogCapture log = LogCapture.of(GitLabCountRefresh.class)) {
            counting.refreshAll();
            given().get("/queues/pools/gql")
                    .then()
                    .statusCode(200)
                    .body("pending", equalTo(4))
                    .body("countedBy", nullValue())
                    .body("gitlabCount", nullValue());
            clock.advance(Duration.ofMinutes(30));
            counting.refreshAll(); // not asked again within the hour

            assertEquals(1, graphql.requests(), "the refusal of the first question ends the round");
            List<LogCapture.Line> warnings = log.atLeast(Level.WARNING);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).message().contains("count by modelling GitLab's matcher"), warnings.toString());

            clock.advance(Duration.ofMinutes(31));
            poller.poll(ProjectRef.parse("it/gql-a"));
            poller.poll(ProjectRef.parse("it/gql-b"));
            counting.refreshAll(); // an hour after the refusal: asked again, refused again, not logged again
            assertEquals(2, graphql.requests());
            assertEquals(1, log.atLeast(Level.WARNING).size(), log.lines().toString());

            wiremock.resetMappings();
            graphql.serve(gitlabJobs(3), List.of(R81, R82, R83));
            clock.advance(Duration.ofMinutes(61));
            counting.refreshAll();
            assertTrue(log.lines().get(log.lines().size() - 1).message().contains("counts their pending jobs again"));
        }
    }

    @Test
    void aFailureThatMayPassKeepsTheLastCountStaleThenNoNumberPastMaxStaleness() {
        graphql.serve(gitlabJobs(3), List.of(R81, R82, R83));
        counting.refreshAll();
        graphql.everyRequest(502, "<html>502 Bad Gateway</html>");
        try (LogCapture log = LogCapture.of(GitLabCountRefresh.class)) {
            counting.refreshAll();
            counting.refreshAll();
            given().get("/queues/pools/gql")
                    .then()
                    .statusCode(200)
                    .body("pending", equalTo(7))
                    .body("stale", equalTo(true))
                    .body("lastError", containsString("GitLab's own count"))
                    .body("countedBy", equalTo("gitlab-graphql"))
                    .body("gitlabCount.lastError", containsString("502"));
            assertEquals(1, log.atLeast(Level.WARNING).size(), log.lines().toString());

            clock.advance(Duration.ofMinutes(21)); // past the tests' adapter.max-staleness (20m); polls fresh again
            poller.poll(ProjectRef.parse("it/gql-a"));
            poller.poll(ProjectRef.parse("it/gql-b"));
            counting.refreshAll();
            given().get("/queues/pools/gql")
                    .then()
                    .statusCode(503)
                    .body("message", containsString("more than adapter.max-staleness"));

            wiremock.resetMappings();
            graphql.serve(gitlabJobs(3), List.of(R81, R82, R83));
            counting.refreshAll();
            given().get("/queues/pools/gql").then().statusCode(200).body("stale", equalTo(false));
            assertTrue(log.lines().get(log.lines().size() - 1).message().contains("is read again"));
        }
    }
}
