package io.github.gitlabqueueadapter.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtectedPathsTest {

    @ParameterizedTest(name = "{0} protectManagement={1} -> {2}")
    @CsvSource({
        "/queues, false, true",
        "/queues/projects/a%2Fb, false, true",
        "/, false, true",
        "/anything-new, false, true",
        "/q/health, false, false",
        "/q/health/ready, false, false",
        "/q/metrics, false, false",
        "/q/healthy, false, true",
        "/q/dev-ui, false, true",
        "/q/health/live, true, true",
        "/q/metrics, true, true"
    })
    void everythingButHealthAndMetricsNeedsACredential(String path, boolean protectManagement, boolean required) {
        assertEquals(required, new ProtectedPaths(protectManagement).requiresCredential(path));
    }
}
