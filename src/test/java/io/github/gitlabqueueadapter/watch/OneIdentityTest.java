package io.github.gitlabqueueadapter.watch;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.runningJob;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabRunnerStubs;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.JobHooks;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A project named twice, by its path and by GitLab's id (pool {@code twice}: it/twice and 951076, the id GitLab
 * gives it here): once a poll's jobs name the id, it is one project, polled, stored and counted once, answering
 * under both names, and found by a job event that names only the id.
 */
@QuarkusTest
@TestProfile(WatchProfiles.PoolsAndGroups.class)
@WithTestResource(GitLabWireMock.class)
class OneIdentityTest {

    private static final String ID = String.valueOf(JobHooks.projectId("it/twice"));

    @InjectWireMock
    GitLabStubs stubs;

    @Inject
    QueuePoller poller;

    @Inject
    GroupDiscovery discovery;

    @InjectWireMock
    WireMockServer wiremock;

    @Test
    void aPoolThatNamesAProjectByPathAndByIdCountsItsJobsOnce() {
        String[] jobs = {pendingJob(3), pendingJob(4, "docker"), runningJob(17)};
        stubs.jobs("it/twice", jobs);
        stubs.jobs(ID, jobs);
        poller.poll(ProjectRef.parse(ID));
        poller.poll(ProjectRef.parse("it/twice"));
        poller.poll(ProjectRef.parse(ID)); // its alias now: not asked again

        given().get("/queues/pools/twice")
                .then()
                .statusCode(200)
                .body("pending", equalTo(2))
                .body("running", equalTo(1))
                .body("projects", equalTo(2)); // it/twice (its id another name of it) and it/quiet
        for (String name : new String[] {"it%2Ftwice", ID}) {
            given().urlEncodingEnabled(false)
                    .get("/queues/projects/" + name)
                    .then()
                    .statusCode(200)
                    .body("project", equalTo("it/twice"))
                    .body("pending", equalTo(2));
        }
        given().get("/queues")
                .then()
                .body("projects.project", hasItem("it/twice"))
                .body("projects.project", not(hasItem(ID)));
    }

    @Test
    void aJobHookWithoutTheProjectObjectFindsAProjectNamedByPathByItsId() {
        stubs.jobs("it/twice", pendingJob(1));
        poller.poll(ProjectRef.parse("it/twice"));
        long job = System.nanoTime() % 1_000_000_000L + 1;
        String noProject =
                JobHooks.event(job, "pending", "it/twice", null, null).replaceAll(",\"project\":\\{[^}]*\\}", "");
        JobHooks.deliver(noProject).statusCode(202).body("result", equalTo("applied"));
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Ftwice")
                .then()
                .body("pending", equalTo(2));
    }

    @Test
    void aQuietProjectNamedByPathIsFoundByItsIdOnceGitLabIsAskedAtTheGroupListing() {
        long id = JobHooks.projectId("it/quiet");
        new GitLabRunnerStubs(wiremock).project("it/quiet", id, "\"shared_runners_enabled\":true");
        stubs.jobs("it/quiet");
        poller.poll(ProjectRef.parse("it/quiet")); // no job: its id not told by a poll
        discovery.refreshAll(); // at start and every adapter.group-refresh: asks the ids of paths

        long job = System.nanoTime() % 1_000_000_000L + 1;
        String noProject =
                JobHooks.event(job, "pending", "it/quiet", null, null).replaceAll(",\"project\":\\{[^}]*\\}", "");
        JobHooks.deliver(noProject).statusCode(202).body("result", equalTo("applied"));
        given().urlEncodingEnabled(false)
                .get("/queues/projects/" + id)
                .then()
                .statusCode(200)
                .body("project", equalTo("it/quiet"))
                .body("pending", equalTo(1));
    }
}
