package io.github.gitlabqueueadapter.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a reader sends, the answer is a JSON error with a 4xx status: never a 500, never a stack trace, and never
 * a request to GitLab. Paths are sent exactly as written here (java.net.http does not re-encode them).
 */
@QuarkusTest
@TestProfile(WatchProfiles.GitLabReads.class)
@WithTestResource(GitLabWireMock.class)
class BadInputTest {

    /** HTTP/1.1, as KEDA's Go client speaks to a plain http:// URL. */
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URI base;

    @InjectWireMock
    WireMockServer wiremock;

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("GET", "/queues/projects/" + "a".repeat(3000), 400),
                Arguments.of("GET", "/queues/projects/group%2F" + "a".repeat(1100), 400),
                Arguments.of("GET", "/queues/projects/" + "g%2F".repeat(30) + "app", 400),
                Arguments.of("GET", "/queues/projects/it%252Fempty", 400),
                Arguments.of("GET", "/queues/projects/it%25252Fempty", 400),
                Arguments.of("GET", "/queues/projects/..%2F..%2Fetc%2Fpasswd", 400),
                Arguments.of("GET", "/queues/projects/it%2F..%2Fempty", 400),
                Arguments.of("GET", "/queues/projects/gr%C3%B6up%2Fapp", 400),
                Arguments.of("GET", "/queues/projects/%F0%9F%9A%80%2Fapp", 400),
                Arguments.of("GET", "/queues/projects/it%00%2Fempty", 400),
                Arguments.of("GET", "/queues/projects/it%2Fempty%0A", 400),
                Arguments.of("GET", "/queues/projects/-1", 400),
                Arguments.of("GET", "/queues/projects/0", 400),
                Arguments.of("GET", "/queues/projects/99999999999999999999999999", 400),
                Arguments.of("GET", "/queues/projects/1e9", 400),
                Arguments.of("GET", "/queues/projects/%20", 400),
                Arguments.of("GET", "/queues/projects/it/empty", 404),
                Arguments.of("GET", "/queues/projects/", 404),
                Arguments.of("GET", "/queues/nothing", 404),
                Arguments.of("GET", "/" + "x".repeat(3000), 404),
                Arguments.of("POST", "/queues", 405),
                Arguments.of("PUT", "/queues/projects/it%2Fempty", 405),
                Arguments.of("DELETE", "/queues/projects/it%2Fempty", 405),
                Arguments.of("PATCH", "/queues", 405));
    }

    private HttpResponse<String> send(String method, String path, String headerName, String headerValue)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(base.toString().replaceAll("/$", "") + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headerName != null) {
            request.header(headerName, headerValue);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertJsonError(HttpResponse<String> response, int status, String what) {
        assertEquals(status, response.statusCode(), what + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), what);
        assertTrue(response.body().contains("\"status\":" + status), what + ": " + response.body());
        assertFalse(
                response.body().contains("Exception") || response.body().contains("\tat "),
                what + ": " + response.body());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badRequests")
    void answersAJsonClientError(String method, String path, int status) throws Exception {
        String shown = path.length() > 60 ? path.substring(0, 60) + "..." : path;
        assertJsonError(send(method, path, null, null), status, method + " " + shown);
        assertEquals(0, wiremock.getAllServeEvents().size(), "no bad request reaches GitLab");
    }

    /**
     * Dot segments are resolved before routing (RFC 3986), as curl and browsers do: {@code ..} climbs, never escapes.
     */
    @Test
    void dotSegmentsResolveToAnotherEndpointNotOutsideIt() throws Exception {
        for (String path :
                new String[] {"/queues/projects/..", "/queues/projects/%2E%2E", "/queues/projects/../../queues"}) {
            HttpResponse<String> response = send("GET", path, null, null);
            assertEquals(200, response.statusCode(), path);
            assertTrue(response.body().startsWith("{\"intervalSeconds\""), path + " is GET /queues");
        }
    }

    @Test
    void repeatedAndUnknownParametersAreHarmless() throws Exception {
        HttpResponse<String> response = send("GET", "/queues?x=1&x=2&api_key=a&api_key=b", null, null);
        assertEquals(200, response.statusCode());
    }

    @Test
    void emptyAndLargeHeadersAreHarmless() throws Exception {
        assertEquals(200, send("GET", "/queues", "X-API-KEY", "").statusCode());
        assertEquals(
                200, send("GET", "/queues", "X-Padding", "p".repeat(15_000)).statusCode());
        assertJsonError(send("GET", "/queues/projects/-1", "X-Padding", "p".repeat(15_000)), 400, "large header");
    }

    @Test
    void headersPastTheLimitAreRefusedNotCrashed() throws Exception {
        HttpResponse<String> response = send("GET", "/queues", "X-Padding", "p".repeat(40_000));
        assertEquals(431, response.statusCode(), "quarkus.http.limits.max-header-size");
        HttpResponse<String> longLine = send("GET", "/queues/projects/" + "a".repeat(5000), null, null);
        assertEquals(414, longLine.statusCode(), "quarkus.http.limits.max-initial-line-length");
    }
}
