package io.github.gitlabqueueadapter.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.gitlabqueueadapter.support.GitLabStubs.jobsPath;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJobs;
import static io.github.gitlabqueueadapter.support.QueueReads.read;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.LogCapture;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * Keyset paging of the jobs list, with WireMock answering as GitLab does: as 15.9+ (a cursor in {@code Link}), as a
 * GitLab that refuses keyset (405) or ignores it (offset headers), and with a list that moves while it is read. The
 * pool {@code moving} (WatchProfiles.GitLabReads) takes only {@code docker} jobs of {@code it/moving}.
 */
@QuarkusTest
@TestProfile(WatchProfiles.GitLabReads.class)
@WithTestResource(GitLabWireMock.class)
class KeysetPagingTest {

    @InjectWireMock
    WireMockServer wiremock;

    @InjectWireMock
    GitLabStubs stubs;

    @Inject
    QueuePoller poller;

    private void poll(String project) {
        poller.poll(ProjectRef.parse(project));
    }

    private static List<List<String>> threePages() {
        return List.of(pendingJobs(100, 3.0), pendingJobs(100, 2.0), pendingJobs(50, 1.0));
    }

    private int requests(String project, String pagination) {
        RequestPatternBuilder pattern = getRequestedFor(urlPathEqualTo(jobsPath(project)))
                .withQueryParam("pagination", pagination == null ? WireMock.absent() : WireMock.equalTo(pagination));
        return wiremock.countRequestsMatching(pattern.build()).getCount();
    }

    private static List<LogCapture.Line> saysKeysetIsUnavailable(LogCapture log) {
        return log.atLeast(Level.INFO).stream()
                .filter(line -> line.message().contains("Keyset paging is not available on this GitLab"))
                .toList();
    }

    @Test
    void aGitLabThatRefusesKeysetIsReadByOffsetFromThenOnAndTheLogSaysSoOnce() {
        stubs.jobPages("it/paged", threePages());
        stubs.refuseKeyset("it/paged");
        try (LogCapture log = LogCapture.of(KeysetPaging.class)) {
            poll("it/paged");
            read("it/paged")
                    .then()
                    .statusCode(200)
                    .body("pending", equalTo(250))
                    .body("stale", equalTo(false));
            assertEquals(1, requests("it/paged", "keyset"), "one keyset request, refused");
            assertEquals(3, requests("it/paged", null), "then three pages by offset");

            poll("it/paged");
            assertEquals(1, requests("it/paged", "keyset"), "the next poll does not ask by keyset again");
            assertEquals(6, requests("it/paged", null));

            List<LogCapture.Line> lines = saysKeysetIsUnavailable(log);
            assertEquals(1, lines.size(), log.lines().toString());
            assertTrue(
                    lines.get(0).message().contains("offset paging"),
                    lines.get(0).message());
            assertTrue(lines.get(0).message().contains("405"), lines.get(0).message());
            assertEquals(Level.WARNING, lines.get(0).level());
        }
    }

    @Test
    void aGitLabThatIgnoresKeysetIsReadOnByItsXNextPage() {
        stubs.jobPagesIgnoringKeyset("it/paged", threePages());
        try (LogCapture log = LogCapture.of(KeysetPaging.class)) {
            poll("it/paged");
            read("it/paged").then().statusCode(200).body("pending", equalTo(250));
            assertEquals(1, requests("it/paged", "keyset"), "page 1, answered by offset");
            for (int page = 2; page <= 3; page++) {
                wiremock.verify(
                        1,
                        getRequestedFor(urlPathEqualTo(jobsPath("it/paged")))
                                .withQueryParam("pagination", WireMock.absent())
                                .withQueryParam("page", WireMock.equalTo(String.valueOf(page))));
            }

            poll("it/paged");
            assertEquals(1, requests("it/paged", "keyset"), "the next poll asks by offset at once");
            assertEquals(1, saysKeysetIsUnavailable(log).size(), log.lines().toString());
        }
    }

    @Test
    void anotherAnswerOf405IsAFailureNotAReasonToPageByOffset() {
        stubs.jobPages("it/faults", List.of(List.of(pendingJob(1))));
        wiremock.stubFor(GitLabStubs.jobsRequest("it/faults")
                .withQueryParam("pagination", WireMock.equalTo("keyset"))
                .willReturn(aResponse()
                        .withStatus(405)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"405 Method Not Allowed\"}")));
        poll("it/faults");

        read("it/faults").then().statusCode(503).body("message", containsString("GitLab answered 405"));
        assertEquals(0, requests("it/faults", null), "no offset request");
    }

    @Test
    void aCursorGitLabNamesAgainInTheSameReadIsNotFollowedAgain() {
        String link = "<" + GitLabStubs.ELSEWHERE + jobsPath("it/malformed")
                + "?cursor=c1&pagination=keyset&per_page=100>; rel=\"next\"";
        for (String cursor : new String[] {null, "c1"}) {
            wiremock.stubFor(GitLabStubs.jobsRequest("it/malformed")
                    .withQueryParam("pagination", WireMock.equalTo("keyset"))
                    .withQueryParam("cursor", cursor == null ? WireMock.absent() : WireMock.equalTo(cursor))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withHeader("Link", link)
                            .withBody("[" + pendingJob(1) + "]")));
        }
        poll("it/malformed");

        read("it/malformed")
                .then()
                .statusCode(503)
                .body("message", containsString("a next-page cursor it had already named"));
        assertEquals(2, stubs.requestsFor("it/malformed"));
    }

    @Test
    void aCursorGoesBackToGitLabAsItWroteItWhateverItsCharacters() {
        String cursor = "eyJpZCI6+/Ijc=0I9:a;b";
        wiremock.stubFor(GitLabStubs.jobsRequest("it/readers")
                .withQueryParam("cursor", WireMock.absent())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader(
                                "Link",
                                "<" + GitLabStubs.ELSEWHERE + jobsPath("it/readers") + "?cursor="
                                        + URLEncoder.encode(cursor, StandardCharsets.UTF_8)
                                        + "&pagination=keyset>; rel=\"next\", <https://x.example/?page=1>; rel=first")
                        .withBody("[" + pendingJob(1) + "]")));
        wiremock.stubFor(GitLabStubs.jobsRequest("it/readers")
                .withQueryParam("cursor", WireMock.equalTo(cursor))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("[" + pendingJob(2) + "]")));
        poll("it/readers");

        read("it/readers").then().statusCode(200).body("pending", equalTo(2));
    }

    /**
     * 250 pending jobs, newest first: a first page of 100 untagged jobs, then 30 docker jobs, then 120 untagged. Once
     * GitLab has served the first page, its 30 oldest jobs finish (the last on the page, whose id is the keyset
     * cursor, among them): the 30 docker jobs move up into the first hundred, and 220 jobs remain.
     */
    private void thirtyJobsOfTheFirstPageFinishOnceItIsRead() {
        List<String> before = new ArrayList<>(pendingJobs(120, 5.0)); // created first: the oldest, listed last
        before.addAll(pendingJobs(30, 40.0, "docker"));
        List<String> first = pendingJobs(100, 1.0); // the newest
        before.addAll(first);
        List<String> after = new ArrayList<>(before);
        after.removeAll(first.subList(0, 30));
        stubs.jobsChangingAfterFirstPage("it/moving", before, after);
    }

    private static ValidatableResponse pool() {
        return given().get("/queues/pools/moving").then().statusCode(200);
    }

    @Test
    void byOffsetAPoolMissesTheJobsThatMovedUpIntoTheFirstPageWhileTheListWasRead() {
        thirtyJobsOfTheFirstPageFinishOnceItIsRead();
        stubs.refuseKeyset("it/moving");
        poll("it/moving");

        // page 2 of the shorter list starts 30 jobs later: the 30 docker jobs are never seen
        pool().body("pending", equalTo(0));
        read("it/moving").then().statusCode(200).body("pending", equalTo(220));
        assertEquals(3, requests("it/moving", null));
    }

    @Test
    void byKeysetAPoolCountsEveryJobThatWaitsThoughJobsOfTheFirstPageFinishWhileTheListIsRead() {
        thirtyJobsOfTheFirstPageFinishOnceItIsRead();
        poll("it/moving");

        pool().body("pending", equalTo(30)).body("oldestPendingSeconds", greaterThanOrEqualTo(40.0f));
        // each job once, as it was when its page was read: the 30 that finished after page 1 still count until the
        // next poll
        read("it/moving").then().statusCode(200).body("pending", equalTo(250));
        assertEquals(3, requests("it/moving", "keyset"));
        assertEquals(0, requests("it/moving", null));
    }
}
