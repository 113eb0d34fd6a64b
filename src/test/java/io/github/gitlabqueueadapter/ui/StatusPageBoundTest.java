package io.github.gitlabqueueadapter.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.Watching;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A thousand watched projects: the status page shows its pool, counts the projects and renders one page of them, not
 * all, whatever {@code ?page=} says; {@code /q/health/well} says whether they fit the heap; none of them has series of
 * its own on {@code /q/metrics}.
 */
@QuarkusTest
@TestProfile(StatusPageBoundTest.ThousandProjects.class)
@WithTestResource(GitLabWireMock.class)
class StatusPageBoundTest {

    public static class ThousandProjects implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String[] projects =
                    IntStream.range(0, 1000).mapToObj(i -> "many/p" + i).toArray(String[]::new);
            return Watching.projects(projects)
                    .pool("few", "projects", "many/p0,many/p1")
                    .set("adapter.status-page.max-projects", "50")
                    .config();
        }
    }

    @Test
    void aThousandProjectsRenderFiftyAtATime() {
        String first =
                given().get("/status/queues").then().statusCode(200).extract().asString();
        assertEquals(50, count(first, "data-kind=\"project\""), "one page of projects, not a thousand");
        assertEquals(1, count(first, "data-kind=\"pool\""), "the pool is always shown");
        assertTrue(first.contains("1000 projects: 0 fresh, 0 stale, 1000 unavailable."), first);
        assertTrue(first.contains("page 1 of 20"), first);

        String last = given().get("/status/queues?page=20")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(50, count(last, "data-kind=\"project\""));
        assertTrue(last.contains("Shown: 951 to 1000"), last);

        given().get("/status/queues?page=9999").then().statusCode(200).body(containsString("page 20 of 20"));
        given().get("/status/queues?page=two").then().statusCode(200).body(containsString("page 1 of 20"));
        given().get("/?page=3").then().statusCode(200).body(containsString("page 3 of 20"));
    }

    @Test
    void theHealthPageSaysWhetherTheProjectsFitTheHeap() {
        given().get("/q/health/well")
                .then()
                .body(containsString("\"projects\": 1000"))
                .body(containsString("1000 watched projects (200 with a whole history) need about"));
    }

    @Test
    void aThousandNamedProjectsHaveNoSeriesOfTheirOwn() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("gitlab_queue_pending{kind=\"pool\",queue=\"few\"}"), "the pool has its own");
        assertEquals(0, count(metrics, "kind=\"project\""), "more than 50 uncounted named projects: none has series");
    }

    private static int count(String html, String what) {
        return html.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }
}
