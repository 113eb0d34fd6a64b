package io.github.gitlabqueueadapter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.support.TestConfigs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of ConfigCheck for {@code adapter.kubernetes.*}: the defaults pass; when on, each bad value is a line. */
class KubernetesConfigCheckTest {

    @Test
    void theDefaultsAreValidOffAndOn() {
        assertEquals(List.of(), ConfigCheck.problems(TestConfigs.kubernetes()));
        assertEquals(List.of(), ConfigCheck.problems(TestConfigs.kubernetes("adapter.kubernetes.enabled", "true")));
    }

    @Test
    void whileOffNothingIsChecked() {
        assertEquals(List.of(), ConfigCheck.problems(TestConfigs.kubernetes("adapter.kubernetes.interval", "1ms")));
    }

    @Test
    void whenOnEveryBadValueIsOneLineNamingItsKey() {
        List<String> problems = ConfigCheck.problems(TestConfigs.kubernetes(
                "adapter.kubernetes.enabled", "true",
                "adapter.kubernetes.interval", "1s",
                "adapter.kubernetes.max-objects", "0",
                "adapter.kubernetes.namespace", "CI_runners"));

        assertEquals(4, problems.size(), problems.toString());
        assertTrue(
                problems.get(0).startsWith("adapter.kubernetes.interval (env ADAPTER_KUBERNETES_INTERVAL): is PT1S"));
        assertTrue(problems.get(1).startsWith("adapter.kubernetes.timeout (env ADAPTER_KUBERNETES_TIMEOUT)"));
        assertTrue(problems.get(1).contains("shorter than adapter.kubernetes.interval"), problems.get(1));
        assertTrue(problems.get(2).startsWith("adapter.kubernetes.max-objects (env ADAPTER_KUBERNETES_MAX_OBJECTS)"));
        assertTrue(problems.get(3).startsWith("adapter.kubernetes.namespace (env ADAPTER_KUBERNETES_NAMESPACE)"));
    }

    @Test
    void aTimeoutLongerThanTheIntervalWouldLetSweepsOverlap() {
        List<String> problems = ConfigCheck.problems(TestConfigs.kubernetes(
                "adapter.kubernetes.enabled", "true",
                "adapter.kubernetes.interval", "10s",
                "adapter.kubernetes.timeout", "10s"));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("adapter.kubernetes.timeout"), problems.get(0));
    }
}
