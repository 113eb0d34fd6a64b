package io.github.gitlabqueueadapter.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.Watching;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code http_server_requests_seconds} stays bounded whatever paths callers send: a request that reaches no endpoint
 * (refused for want of a credential, not found, or malformed) counts under one fixed {@code uri}, so scanners cannot
 * fill Quarkus's cap of 100 URI tags and push the real endpoints out.
 */
@QuarkusTest
@TestProfile(HttpMetricsTest.WithKey.class)
@WithTestResource(GitLabWireMock.class)
class HttpMetricsTest {

    private static final String KEY = "metrics-test-key-0123456789";

    /** Readers need a key, as in any deployment reachable from outside. */
    public static class WithKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Watching.projects("it/empty")
                    .set("adapter.auth.api-keys", KEY)
                    .config();
        }
    }

    private static List<String> series() {
        return given().get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{"))
                .toList();
    }

    /** Three unauthenticated random paths (two refused, one malformed) and, every tenth time, a not-found one. */
    private static void scan(int i) {
        given().get("/scan-" + i + "/wp-login.php").then().statusCode(401);
        given().get("/queues/projects/scan-" + i).then().statusCode(401);
        assertEquals("HTTP/1.1 400 Bad Request", rawGet("/queues/projects/%zz" + i), "a malformed escape");
        if (i % 10 == 0) {
            given().header("X-API-KEY", KEY).get("/queues/nothing-" + i).then().statusCode(404);
        }
    }

    /** What no HTTP client library sends: a request line as it comes, read back to its status line. */
    private static String rawGet(String target) {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream()
                    .write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void threeThousandRandomPathsAddNoSeriesAndRealEndpointsAreStillRecorded() {
        scan(0); // the fixed series for such requests exist from the first one on
        List<String> before = series();
        for (int i = 1; i <= 1000; i++) {
            scan(i);
        }
        List<String> after = series();
        assertEquals(before.size(), after.size(), after.toString());
        assertTrue(
                after.stream().noneMatch(line -> line.contains("scan-") || line.contains("nothing-")),
                after.toString());

        given().urlEncodingEnabled(false)
                .header("X-API-KEY", KEY)
                .get("/queues/projects/it%2Fempty")
                .then()
                .statusCode(503);
        assertTrue(
                series().stream().anyMatch(line -> line.contains("uri=\"/queues/projects/{project}\"")),
                "a real endpoint is recorded under its template");
    }
}
