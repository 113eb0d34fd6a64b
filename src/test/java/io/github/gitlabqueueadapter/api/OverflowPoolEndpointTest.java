package io.github.gitlabqueueadapter.api;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.runningJob;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabRunnerStubs;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.MutableClock;
import io.github.gitlabqueueadapter.support.Watching;
import io.github.gitlabqueueadapter.watch.RunnerRefresh;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Spot first, on-demand overflow: the pool {@code spot} (jobs tagged spot of it/overflow, its runner 17) and its
 * overflow {@code on-demand} (runner 42, overflow-after 90s), which {@code last-resort} overflows in turn (runner 43,
 * 120s). On a clock moved by hand, with no poll between: the overflow rises only once a job has waited 90 s, and falls
 * when a spot runner takes the job. {@code gitlab-spot} is a pool of GitLab's runner 81, read from GitLab, and
 * {@code gitlab-on-demand} its overflow at once (0s) on runner 82. Three jobs joining within a minute are a burst.
 */
@QuarkusTest
@TestProfile(OverflowPoolEndpointTest.SpotAndOnDemand.class)
@WithTestResource(GitLabWireMock.class)
class OverflowPoolEndpointTest {

    /** A spot pool by tags with an overflow chain, and a spot pool of GitLab's runners with its overflow. */
    public static class SpotAndOnDemand implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Watching.nothingYet()
                    .pool("spot", "projects", "it/overflow", "tags", "spot", "run-untagged", "false", "runners", "17")
                    .pool("on-demand", "overflow-of", "spot", "overflow-after", "90s", "runners", "42")
                    .pool("last-resort", "overflow-of", "on-demand", "overflow-after", "120s", "runners", "43")
                    .pool("gitlab-spot", "projects", "it/overflow-runners", "runners", "81")
                    .pool("gitlab-on-demand", "overflow-of", "gitlab-spot", "overflow-after", "0s", "runners", "82")
                    .set("adapter.scaling.burst-jobs", "3")
                    .config();
        }
    }

    private static final ProjectRef PROJECT = ProjectRef.parse("it/overflow");

    @Inject
    QueuePoller poller;

    @Inject
    MutableClock clock;

    @Inject
    RunnerRefresh refresh;

    @InjectWireMock
    GitLabStubs stubs;

    @InjectWireMock
    WireMockServer wiremock;

    private static ValidatableResponse pool(String name) {
        return given().get("/queues/pools/" + name).then().statusCode(200);
    }

    @Test
    void theOverflowRisesOnlyAfterOverflowAfterAndFallsWhenASpotRunnerTakesTheJob() {
        stubs.jobs("it/overflow", pendingJob(30, "spot"), pendingJob(500, "gpu"));
        poller.poll(PROJECT);
        pool("spot").body("pending", equalTo(1));
        pool("on-demand")
                .body("pending", equalTo(0))
                .body("total", equalTo(0))
                .body("overflow.of", equalTo("spot"))
                .body("overflow.overflowAfterSeconds", equalTo(90.0f))
                .body("overflow.pendingWithinOverflowAfter", equalTo(1));

        clock.advance(Duration.ofSeconds(70)); // the job has waited 100 s; GitLab is not asked again
        pool("spot").body("pending", equalTo(1));
        pool("on-demand")
                .body("pending", equalTo(1))
                .body("total", equalTo(1))
                .body("oldestPendingSeconds", greaterThanOrEqualTo(100.0f))
                .body("overflow.pendingWithinOverflowAfter", equalTo(0));
        pool("last-resort")
                .body("pending", equalTo(0))
                .body("overflow.of", equalTo("on-demand"))
                .body("overflow.overflowAfterSeconds", equalTo(120.0f))
                .body("overflow.pendingWithinOverflowAfter", equalTo(1));

        stubs.jobs("it/overflow", runningJob(17, 100, "spot"), pendingJob(570, "gpu")); // a spot runner took it
        poller.poll(PROJECT);
        pool("spot").body("pending", equalTo(0)).body("running", equalTo(1));
        pool("on-demand")
                .body("pending", equalTo(0))
                .body("running", equalTo(0))
                .body("total", equalTo(0))
                .body("overflow.pendingWithinOverflowAfter", equalTo(0));
    }

    @Test
    void aJobOnTheOnDemandRunnerRunsInTheOverflowAndNotInTheSpotPool() {
        stubs.jobs("it/overflow", runningJob(42, 95, "spot"), runningJob(17, 4, "spot"), pendingJob(5, "spot"));
        poller.poll(PROJECT);
        pool("on-demand")
                .body("pending", equalTo(0))
                .body("running", equalTo(1))
                .body("total", equalTo(1));
        pool("spot").body("pending", equalTo(1)).body("running", equalTo(1)).body("total", equalTo(2));
    }

    @Test
    void theOverflowsTimelineAndWaitsAreOfTheJobsItTakes() {
        stubs.jobs("it/overflow");
        poller.poll(PROJECT); // the baseline: an empty queue
        clock.advance(Duration.ofMinutes(1));
        List<String> fresh = List.of(pendingJob(1, "spot"), pendingJob(1, "spot"), pendingJob(1, "spot"));
        stubs.jobs("it/overflow", fresh.toArray(String[]::new));
        poller.poll(PROJECT);
        types("spot").body("events.type", hasItem("burst"));
        types("on-demand").body("events.type", not(hasItem("burst")));

        clock.advance(Duration.ofMinutes(2)); // three more, first seen when they had waited 200 s already
        List<String> late = new ArrayList<>(fresh);
        late.addAll(List.of(pendingJob(200, "spot"), pendingJob(200, "spot"), pendingJob(200, "spot")));
        stubs.jobs("it/overflow", late.toArray(String[]::new));
        poller.poll(PROJECT);
        types("on-demand").body("events.type", hasItem("burst"));

        clock.advance(Duration.ofMinutes(1)); // the on-demand runner takes the first three, spot the others
        List<String> running = new ArrayList<>();
        for (int i = 0; i < late.size(); i++) {
            String job = i < 3 ? runningJob(42, 240, "spot") : runningJob(17, 260, "spot");
            running.add(GitLabStubs.sameJob(job, late.get(i)));
        }
        stubs.jobs("it/overflow", running.toArray(String[]::new));
        poller.poll(PROJECT);
        pool("on-demand")
                .body("running", equalTo(3))
                .body("waitSeconds.jobsLast15m", equalTo(3))
                .body("waitSeconds.p95Last15m", equalTo(240.0f));
        pool("spot")
                .body("running", equalTo(3))
                .body("waitSeconds.jobsLast15m", equalTo(3))
                .body("waitSeconds.p95Last15m", equalTo(260.0f));
    }

    private static ValidatableResponse types(String pool) {
        return given().get("/queues/pools/" + pool + "/events?since=1h").then().statusCode(200);
    }

    @Test
    void aPoolThatIsNoOverflowAnswersWithoutOne() {
        stubs.jobs("it/overflow", pendingJob(5, "spot"));
        poller.poll(PROJECT);
        pool("spot").body("overflow", nullValue()).body(not(containsString("overflow")));
    }

    @Test
    void theOverflowOfAPoolOfGitLabsRunnersCountsWhatThoseRunnersWouldTakeAndReadsNoRunnerOfItsOwn() {
        GitLabRunnerStubs gitlabRunners = new GitLabRunnerStubs(wiremock);
        gitlabRunners.project(
                "it/overflow-runners", 581, "\"shared_runners_enabled\":true,\"group_runners_enabled\":true");
        gitlabRunners.runner(
                81, "project_type", "[\"spot\"]", false, "not_protected", false, "it/overflow-runners", "it");
        stubs.jobs("it/overflow-runners", pendingJob(10, "spot"), pendingJob(600, "gpu"), runningJob(82, "spot"));
        poller.poll(ProjectRef.parse("it/overflow-runners"));
        given().get("/queues/pools/gitlab-on-demand")
                .then()
                .statusCode(503)
                .body(containsString("have not been read from GitLab yet"));

        refresh.refreshAll();
        pool("gitlab-spot").body("pending", equalTo(1)).body("running", equalTo(0));
        pool("gitlab-on-demand")
                .body("pending", equalTo(1))
                .body("running", equalTo(1))
                .body("gitlabRunners", nullValue())
                .body("overflow.of", equalTo("gitlab-spot"))
                .body("overflow.overflowAfterSeconds", equalTo(0.0f));
        assertEquals(
                0,
                wiremock.countRequestsMatching(getRequestedFor(urlPathEqualTo("/api/v4/runners/82"))
                                .build())
                        .getCount(),
                "the overflow's runner only tells its running jobs apart: it is not read from GitLab");
    }
}
