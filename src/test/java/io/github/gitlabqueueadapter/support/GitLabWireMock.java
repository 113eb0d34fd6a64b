package io.github.gitlabqueueadapter.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/** Starts WireMock in the test JVM on a free loopback port and points {@code gitlab.url} at it. */
public class GitLabWireMock implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;
    private Map<String, String> extraConfig = Map.of();

    /** Arguments given with {@code @ResourceArg} become configuration of the application under test. */
    @Override
    public void init(Map<String, String> initArgs) {
        extraConfig = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options());
        server.start();
        Map<String, String> config = new HashMap<>(extraConfig);
        config.putAll(gitlabConfig(server));
        return config;
    }

    /** How WireMock listens; plain HTTP on loopback here. */
    protected WireMockConfiguration options() {
        return WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1");
    }

    /** The adapter's configuration that points it at the running server. */
    protected Map<String, String> gitlabConfig(WireMockServer running) {
        return Map.of("gitlab.url", running.baseUrl());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                server, new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
        injector.injectIntoFields(
                new GitLabStubs(server),
                new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, GitLabStubs.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
