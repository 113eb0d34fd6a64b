package io.github.gitlabqueueadapter.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.JobHooks;
import io.github.gitlabqueueadapter.support.MutableClock;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Events-first polling as a reader sees it: a project whose job events arrive says {@code "source": "events"} (it is
 * polled every adapter.reconcile-interval only), until polls find a change no event explains for more than 10 s; the
 * next event puts it back. Project it/hooked, counted by pool {@code hooked}; events as GitLab sends them, without
 * job tags.
 */
@QuarkusTest
@TestProfile(WatchProfiles.Events.class)
@WithTestResource(GitLabWireMock.class)
class EventsFirstTest {

    private static final ProjectRef PROJECT = ProjectRef.parse("it/hooked");

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    QueuePoller poller;

    @Inject
    MutableClock clock;

    private static void deliver(String body) {
        JobHooks.deliver(body);
    }

    private static ValidatableResponse project() {
        return given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Fhooked")
                .then()
                .statusCode(200);
    }

    @Test
    void eventsArrivingSwitchAQueueToEventsAndAPollThatFindsAMissedJobSwitchesItBack() {
        GitLabStubs stubs = new GitLabStubs(wiremock);
        stubs.jobs(PROJECT.name());
        poller.poll(PROJECT);
        project().body("source", equalTo("polling"));
        given().get("/queues/pools/hooked").then().body("source", equalTo("polling"));

        String job = GitLabStubs.pendingJob(1, "docker");
        long id = Long.parseLong(job.substring(job.indexOf(':') + 1, job.indexOf(',')));
        stubs.jobs(PROJECT.name(), job); // GitLab lists the job before it sends its event
        deliver(JobHooks.event(id, "pending", PROJECT.name(), null, null));
        project().body("source", equalTo("events")).body("pending", equalTo(1));
        given().get("/queues/pools/hooked").then().body("source", equalTo("events"));
        given().get("/queues").then().body("projects.find { it.project == 'it/hooked' }.source", equalTo("events"));
        given().get("/q/metrics")
                .then()
                .body(containsString("gitlab_queue_events_fed{kind=\"pool\",queue=\"hooked\"} 1.0"));

        poller.poll(PROJECT); // what the events said: still fed by them
        project().body("source", equalTo("events")).body("pending", equalTo(1));

        String missed = GitLabStubs.pendingJob(1, "docker"); // no event ever announces it
        stubs.jobs(PROJECT.name(), job, missed);
        poller.poll(PROJECT);
        project().body("source", equalTo("events")).body("pending", equalTo(2)); // its hook may be on its way
        clock.advance(Duration.ofSeconds(11)); // the next poll, more than 10 s later: still no event for it
        poller.poll(PROJECT);
        project().body("source", equalTo("polling")).body("pending", equalTo(2));
        given().get("/q/metrics")
                .then()
                .body(containsString("gitlab_queue_events_fed{kind=\"pool\",queue=\"hooked\"} 0.0"));

        deliver(JobHooks.event(id, "running", PROJECT.name(), 17L, null));
        project().body("source", equalTo("events")).body("pending", equalTo(1)).body("running", equalTo(1));
    }
}
