package io.github.gitlabqueueadapter.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InjectableBean;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import jakarta.enterprise.inject.Any;
import java.lang.reflect.Field;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;

/**
 * Before each Quarkus test (before its own {@code @BeforeEach}), the application is put back to what a test may expect
 * to find, whatever ran before it: so a test passes alone and in any order, and sets up what it reads. Registered in
 * {@code META-INF/services}. The metrics registry is left alone: counters only grow, and tests read differences.
 */
public class FreshStateBeforeEach implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        resetWireMock(context.getTestInstance());
        ArcContainer container = Arc.container();
        if (container == null) {
            return; // a @QuarkusIntegrationTest: the application runs in its own process
        }
        resetAll(container);
    }

    /**
     * Every bean that keeps state implements {@link ResetForTests}, and each is reset here: a new stateful bean is
     * reset by implementing it, with no list here to add it to. The beans are all those of the type, as the bean
     * manager lists them: {@code select(ResetForTests.class)} would resolve the type as an injection point does, and
     * an alternative (the {@link MutableClock}) would hide every other bean. The clock goes first, so that a reset
     * that reads the time reads the test's.
     */
    static List<ResetForTests> resetAll(ArcContainer container) {
        List<ResetForTests> beans = container.beanManager().getBeans(ResetForTests.class, Any.Literal.INSTANCE).stream()
                .map(bean -> (ResetForTests)
                        container.instance((InjectableBean<?>) bean).get())
                .sorted(Comparator.comparing((ResetForTests bean) -> !(bean instanceof Clock)))
                .toList();
        beans.forEach(ResetForTests::reset);
        return beans;
    }

    /** GitLab forgets its stubs and the requests it saw: each test stubs what it reads and counts its own requests. */
    private static void resetWireMock(Object test) {
        for (Class<?> type = test.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(InjectWireMock.class)) {
                    try {
                        field.setAccessible(true);
                        Object gitlab = field.get(test);
                        if (gitlab instanceof WireMockServer server) {
                            server.resetAll();
                        } else if (gitlab instanceof GitLabStubs stubs) {
                            stubs.resetAll();
                        }
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("cannot read " + field, e);
                    }
                }
            }
        }
    }
}
