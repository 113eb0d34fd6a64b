package io.github.gitlabqueueadapter.webhook;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.store.SnapshotStore;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.JobHooks;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Job events from a GitLab webhook move the numbers at once; forged, broken or stale deliveries change nothing; the
 * poll corrects a lost one. Project it/hooked; pool {@code hooked} is its docker runners (untagged jobs excluded).
 */
@QuarkusTest
@TestProfile(WatchProfiles.Events.class)
@WithTestResource(GitLabWireMock.class)
class WebhookTest {

    private static final String SECRET = "test-webhook-secret-0123456789";
    private static final AtomicLong JOB_IDS = new AtomicLong(880_000);
    private static final long HOOKED_ID = JobHooks.projectId("it/hooked");

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    QueuePoller poller;

    @Inject
    SnapshotStore store;

    private long job;

    @BeforeEach
    void anEmptyQueue() {
        new GitLabStubs(wiremock).jobs("it/hooked");
        poller.poll(ProjectRef.parse("it/hooked"));
        job = JOB_IDS.incrementAndGet();
    }

    private static ValidatableResponse post(String body, String token, String uuid) {
        return given().header("X-Gitlab-Event", "Job Hook")
                .header("X-Gitlab-Token", token)
                .header("X-Gitlab-Event-UUID", uuid)
                .contentType("application/json")
                .body(body)
                .post("/webhooks/gitlab")
                .then();
    }

    private static ValidatableResponse deliver(String body) {
        return post(body, SECRET, UUID.randomUUID().toString()).statusCode(202);
    }

    private static ValidatableResponse queue() {
        return given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Fhooked")
                .then()
                .statusCode(200);
    }

    @Test
    void pendingThenRunningThenSuccessMovesTheNumbersWithoutAPoll() {
        String before = queue().body("pending", equalTo(0)).extract().path("lastEventAt");
        deliver(JobHooks.event(job, "pending", "it/hooked", null, "\"docker\"")).body("result", equalTo("applied"));
        queue().body("pending", equalTo(1))
                .body("running", equalTo(0))
                .body("lastEventAt", org.hamcrest.Matchers.not(equalTo(before)))
                .body("lastEventAt", notNullValue())
                .body("oldestPendingSeconds", org.hamcrest.Matchers.greaterThanOrEqualTo(12.5f));
        given().get("/queues/pools/hooked").then().body("pending", equalTo(1));
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Fhooked?tags=linux&untagged=false")
                .then()
                .body("pending", equalTo(0));

        deliver(JobHooks.event(job, "running", "it/hooked", 17L, "\"docker\"")).body("result", equalTo("applied"));
        queue().body("pending", equalTo(0)).body("running", equalTo(1));
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Fhooked?runners=17")
                .then()
                .body("running", equalTo(1));

        deliver(JobHooks.event(job, "success", "it/hooked", 17L, "\"docker\"")).body("result", equalTo("applied"));
        queue().body("pending", equalTo(0)).body("running", equalTo(0));
    }

    @Test
    void aRepeatedDeliveryIsDroppedAndAnOlderEventNeverOverridesANewerState() {
        String uuid = UUID.randomUUID().toString();
        post(JobHooks.event(job, "running", "it/hooked", 17L, "\"docker\""), SECRET, uuid)
                .statusCode(202)
                .body("result", equalTo("applied"));
        post(JobHooks.event(job, "running", "it/hooked", 17L, "\"docker\""), SECRET, uuid)
                .statusCode(202)
                .body("result", equalTo("duplicate"));
        deliver(JobHooks.event(job, "pending", "it/hooked", null, "\"docker\"")).body("result", equalTo("outdated"));
        queue().body("pending", equalTo(0)).body("running", equalTo(1));

        deliver(JobHooks.event(job, "failed", "it/hooked", 17L, "\"docker\""));
        deliver(JobHooks.event(job, "running", "it/hooked", 17L, "\"docker\"")).body("result", equalTo("outdated"));
        deliver(JobHooks.event(job, "pending", "it/hooked", null, "\"docker\"")).body("result", equalTo("outdated"));
        queue().body("pending", equalTo(0)).body("running", equalTo(0));
    }

    @Test
    void theNextPollCorrectsALostEvent() {
        deliver(JobHooks.event(job, "pending", "it/hooked", null, "\"docker\""));
        queue().body("pending", equalTo(1));
        // the "success" event got lost; GitLab lists one other job
        wiremock.resetAll();
        new GitLabStubs(wiremock).jobs("it/hooked", pendingJob(3, "docker"));
        poller.poll(ProjectRef.parse("it/hooked"));
        queue().body("pending", equalTo(1)).body("lastEventAt", notNullValue());
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Fhooked?tags=docker&untagged=false")
                .then()
                .body("pending", equalTo(1));
    }

    @Test
    void forgedBrokenAndForeignEventsChangeNothing() {
        String pending = JobHooks.event(job, "pending", "it/hooked", null, "\"docker\"");
        post(pending, "wrong-secret", UUID.randomUUID().toString())
                .statusCode(401)
                .body("error", equalTo("unauthorized"))
                .body(org.hamcrest.Matchers.not(containsString(SECRET)));
        given().header("X-Gitlab-Event", "Job Hook")
                .contentType("application/json")
                .body(pending)
                .post("/webhooks/gitlab")
                .then()
                .statusCode(401);
        post("x".repeat((1 << 20) + 1), SECRET, UUID.randomUUID().toString())
                .statusCode(413)
                .body("error", equalTo("too_large"));
        post(
                        "{\"object_kind\": \"build\", \"build_id\": ",
                        SECRET,
                        UUID.randomUUID().toString())
                .statusCode(400)
                .body("status", equalTo(400));
        queue().body("pending", equalTo(0));

        deliver(JobHooks.event(job, "pending", "someone/else", null, "\"docker\""))
                .body("result", equalTo("unwatched"));
        assertFalse(
                store.find(ProjectRef.parse("someone/else")).isPresent(), "nothing is stored for an unwatched project");
        given().header("X-Gitlab-Event", "Push Hook")
                .header("X-Gitlab-Token", SECRET)
                .contentType("application/json")
                .body("{\"object_kind\":\"push\"}")
                .post("/webhooks/gitlab")
                .then()
                .statusCode(202)
                .body("result", equalTo("ignored"));
        queue().body("pending", equalTo(0));
    }

    @Test
    void fieldsOutOfRangeAre400AndChangeNothing() {
        String good = JobHooks.event(job, "pending", "it/hooked", null, "\"docker\"");
        for (String[] bad : new String[][] {
            {"\"build_id\":" + job, "\"build_id\":-5", "build_id"},
            {"\"build_id\":" + job, "\"build_id\":0", "build_id"},
            {"\"build_id\":" + job, "\"build_id\":1.5", "wrong type"},
            {"\"build_queued_duration\":12.5", "\"build_queued_duration\":1e308", "build_queued_duration"},
            {"\"build_queued_duration\":12.5", "\"build_queued_duration\":-1", "build_queued_duration"},
            {"\"project_id\":" + HOOKED_ID, "\"project_id\":-380", "project_id"},
            {"\"project_id\":" + HOOKED_ID, "\"project_id\":9223372036854775808", "project_id is out of range"},
            {"2021-02-23T02:41:37.886Z", "-999999999-01-01T00:00:00Z", "build_created_at"},
            {"2021-02-23T02:41:37.886Z", "+999999999-12-31T23:59:59Z", "build_created_at"},
            {"2021-02-23T02:41:37.886Z", "1970-01-01T00:00:00Z", "build_created_at"},
            {"2021-02-23T02:41:37.886Z", "yesterday", "build_created_at"},
            {"\"tags\":[\"docker\"]", "\"tags\":[" + tags(51, 3) + "]", "tags"},
            {"\"tags\":[\"docker\"]", "\"tags\":[" + tags(1, 256) + "]", "tags"},
            {"\"build_status\":\"pending\"", "\"build_status\":\"" + "p".repeat(65) + "\"", "build_status"}
        }) {
            String body = good.replace(bad[0], bad[1]);
            org.junit.jupiter.api.Assertions.assertNotEquals(good, body, bad[1]);
            post(body, SECRET, UUID.randomUUID().toString())
                    .statusCode(400)
                    .body("error", equalTo("bad_request"))
                    .body("message", containsString(bad[2]));
        }
        queue().body("pending", equalTo(0));
        deliver(good).body("result", equalTo("applied"));
        queue().body("pending", equalTo(1));
    }

    /** {@code count} tags of {@code length} characters, as JSON strings. */
    private static String tags(int count, int length) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> "\"" + (i + "x".repeat(length)).substring(0, length) + "\"")
                .collect(java.util.stream.Collectors.joining(","));
    }

    @Test
    void aDeliveryIdLongerThanAUuidIs400AndNotKept() {
        String body = JobHooks.event(job, "pending", "it/hooked", null, "\"docker\"");
        post(body, SECRET, "u".repeat(65)).statusCode(400).body("message", containsString("X-Gitlab-Event-UUID"));
        queue().body("pending", equalTo(0));
        post(body, SECRET, "u".repeat(64)).statusCode(202).body("result", equalTo("applied"));
    }

    @Test
    void theLongestTagsGitLabAllowsAreTakenWhole() {
        deliver(JobHooks.event(job, "pending", "it/hooked", null, tags(50, 255)))
                .body("result", equalTo("applied"));
        queue().body("pending", equalTo(1));
    }

    @Test
    void anEventForTheLargestIdGitLabHasIsUnwatchedNotA500() {
        String body = JobHooks.event(job, "pending", "it/elsewhere", null, null)
                .replace("\"project_id\":" + JobHooks.projectId("it/elsewhere"), "\"project_id\":9223372036854775807")
                .replace("\"id\":" + JobHooks.projectId("it/elsewhere"), "\"id\":9223372036854775807");
        deliver(body).body("result", equalTo("unwatched"));
    }

    @Test
    void nullTagsAreDroppedNotA500() {
        deliver(JobHooks.event(job, "pending", "it/hooked", null, "\"docker\", null, \"\""))
                .body("result", equalTo("applied"));
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Fhooked?tags=docker&untagged=false")
                .then()
                .body("pending", equalTo(1));
    }

    @Test
    void aPendingEventWithoutAQueuedDurationCountsNotA500() {
        String noWait = JobHooks.event(job, "pending", "it/hooked", null, null)
                .replace("\"build_queued_duration\":12.5", "\"build_queued_duration\":null");
        deliver(noWait).body("result", equalTo("applied"));
        queue().body("pending", equalTo(1));
    }

    @Test
    void anEventBeforeTheFirstPollStoresNothing() {
        deliver(JobHooks.event(job, "pending", "it/pool-never", null, "\"docker\""))
                .body("result", equalTo("not_polled_yet"));
        assertFalse(
                store.find(ProjectRef.parse("it/pool-never")).isPresent(), "readiness still waits for the first poll");
    }

    /** The id GitLab gives a job of a stubbed jobs page. */
    private static long idOf(String jobJson) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(jobJson);
        assertTrue(m.find(), jobJson);
        return Long.parseLong(m.group(1));
    }

    private static ValidatableResponse pool() {
        return given().get("/queues/pools/hooked").then().statusCode(200);
    }

    @Test
    void aTaglessPendingEventCountsAtOnceAndItsPoolFollowsAfterOneRead() {
        String listed = pendingJob(1, "docker");
        new GitLabStubs(wiremock).jobs("it/hooked", listed);
        int before = new GitLabStubs(wiremock).requestsFor("it/hooked");

        // exactly as GitLab's Job Hook is shaped: no job tags
        deliver(JobHooks.event(idOf(listed), "pending", "it/hooked", null, null))
                .body("result", equalTo("applied"));
        queue().body("pending", equalTo(1)); // the project's queue at once, without a read

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> pool().body("pending", equalTo(1))); // pool "hooked" takes docker jobs only
        int reads = new GitLabStubs(wiremock).requestsFor("it/hooked") - before;
        assertTrue(reads >= 1 && reads <= 2, "one read brought the tags: " + reads);
    }

    @Test
    void aBurstOfFiftyTaglessEventsSharesAFewReads() {
        List<String> listed = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            listed.add(pendingJob(1, "docker"));
        }
        new GitLabStubs(wiremock).jobs("it/hooked", listed.toArray(String[]::new));
        int before = new GitLabStubs(wiremock).requestsFor("it/hooked");
        for (String job : listed) {
            deliver(JobHooks.event(idOf(job), "pending", "it/hooked", null, null));
        }
        queue().body("pending", equalTo(50));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> pool().body("pending", equalTo(50)));
        int reads = new GitLabStubs(wiremock).requestsFor("it/hooked") - before;
        assertTrue(reads <= 10, "fifty events, " + reads + " reads of GitLab");
    }

    @Test
    void aTaglessRunningEventMovesAJobAPollAlreadyKnows() {
        new GitLabStubs(wiremock).jobs("it/hooked", pendingJob(3, "docker"));
        poller.poll(ProjectRef.parse("it/hooked"));
        long polledJob = store.find(ProjectRef.parse("it/hooked"))
                .orElseThrow()
                .lastGood()
                .jobs()
                .get(0)
                .id();
        deliver(JobHooks.event(polledJob, "running", "it/hooked", 17L, null)).body("result", equalTo("applied"));
        queue().body("pending", equalTo(0)).body("running", equalTo(1));
    }
}
