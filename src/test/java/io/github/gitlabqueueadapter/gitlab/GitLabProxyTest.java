package io.github.gitlabqueueadapter.gitlab;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.TestConfigs;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** gitlab.proxy.*: requests to GitLab go through the configured HTTP proxy (a second WireMock, proxying). */
@QuarkusTest
@TestProfile(WatchProfiles.GitLabReads.class)
@WithTestResource(GitLabWireMock.class)
class GitLabProxyTest {

    @InjectWireMock
    WireMockServer gitlab;

    @Test
    void requestsGoThroughTheProxy() {
        WireMockServer proxy = new WireMockServer(WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .enableBrowserProxying(true));
        proxy.start();
        try {
            new GitLabStubs(gitlab).jobs("it/proxied", pendingJob(1));
            GitLabConfig config = TestConfigs.gitlab(
                    "gitlab.url", gitlab.baseUrl(),
                    "gitlab.timeout", "2s",
                    "gitlab.max-retries", "0",
                    "gitlab.proxy.host", "127.0.0.1",
                    "gitlab.proxy.port", String.valueOf(proxy.port()));
            try (Response response = GitLabConnection.builder(config)
                    .build(GitLabApi.class)
                    .jobs("it/proxied", List.of("pending"), 100, 1, null)) {
                assertEquals(200, response.getStatus());
            }
            assertEquals(1, proxy.getAllServeEvents().size(), "the proxy carried the request");
            assertTrue(proxy.getAllServeEvents()
                    .get(0)
                    .getRequest()
                    .getAbsoluteUrl()
                    .contains("/api/v4/projects/it%2Fproxied/jobs"));
            assertEquals(1, gitlab.getAllServeEvents().size(), "and GitLab answered it");
        } finally {
            proxy.stop();
        }
    }
}
