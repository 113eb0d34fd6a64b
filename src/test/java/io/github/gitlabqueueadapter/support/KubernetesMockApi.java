package io.github.gitlabqueueadapter.support;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fabric8's mock Kubernetes API server, in the test JVM on a free loopback port, plain HTTP: the only Kubernetes API
 * that runs here (no cluster, no container engine). {@code @ResourceArg(name = "crud", value = "true")} makes it keep
 * what is created in it and answer lists and gets from that; without, it answers only the expectations a test sets
 * ({@code server.expect()...}) and 404 otherwise. The adapter's client is pointed at it (system properties
 * the Fabric8 client reads when it is made), in namespace {@value
 * #NAMESPACE} as if it ran in a pod there.
 */
public class KubernetesMockApi implements QuarkusTestResourceLifecycleManager {

    public static final String NAMESPACE = "ci";

    private KubernetesMockServer server;
    private boolean crud;

    @Override
    public void init(Map<String, String> initArgs) {
        crud = Boolean.parseBoolean(initArgs.getOrDefault("crud", "false"));
    }

    @Override
    public Map<String, String> start() {
        server = crud
                ? new KubernetesMockServer(
                        new io.fabric8.mockwebserver.Context(),
                        new MockWebServer(),
                        new HashMap<>(),
                        new KubernetesCrudDispatcher(List.of()),
                        false)
                : new KubernetesMockServer(false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        // quarkus.kubernetes-client.* are fixed at build time; the client's own auto-configuration reads these
        // system properties when it is made, at the first reading
        CLIENT_PROPERTIES.forEach(System::setProperty);
        System.setProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, server.url("/"));
        return Map.of();
    }

    private static final Map<String, String> CLIENT_PROPERTIES = Map.of(
            Config.KUBERNETES_NAMESPACE_SYSTEM_PROPERTY, NAMESPACE,
            Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false",
            Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY, "false");

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                server,
                new TestInjector.AnnotatedAndMatchesType(InjectKubernetesMock.class, KubernetesMockServer.class));
    }

    @Override
    public void stop() {
        CLIENT_PROPERTIES.keySet().forEach(System::clearProperty);
        System.clearProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY);
        if (server != null) {
            server.destroy();
        }
    }
}
