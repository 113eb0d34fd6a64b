package io.github.gitlabqueueadapter.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.github.gitlabqueueadapter.watch.GroupDiscovery;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Readiness waits for the first poll of every project and listing of every group, not for GitLab to answer well. */
@QuarkusTest
@TestProfile(WatchProfiles.PoolsAndGroups.class)
@WithTestResource(GitLabWireMock.class)
class FirstPollReadinessTest {

    @Inject
    QueuePoller poller;

    @Inject
    GroupDiscovery discovery;

    @Test
    void readyOncePolledAndListedEvenWhileGitLabFails() {
        // nothing is stubbed: GitLab knows no project, every poll and listing fails
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'first-poll' }.status", equalTo("DOWN"));

        poller.pollAll();
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks[0].data.groupsListed", equalTo(false))
                .body("checks[0].data.projectsNotPolledYet", equalTo(0));
        discovery.refreshAll();
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/well")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'gitlab' }.data.'it/empty'", equalTo("not_found"));
    }
}
