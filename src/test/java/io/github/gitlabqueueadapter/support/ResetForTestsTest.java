package io.github.gitlabqueueadapter.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.ResetForTests;
import io.github.gitlabqueueadapter.gitlab.KeysetPaging;
import io.github.gitlabqueueadapter.gitlab.ProjectGuards;
import io.github.gitlabqueueadapter.gitlab.RequestBudget;
import io.github.gitlabqueueadapter.insight.QueueMemories;
import io.github.gitlabqueueadapter.insight.ScalingRecorder;
import io.github.gitlabqueueadapter.query.PoolCapacities;
import io.github.gitlabqueueadapter.query.PoolRunnerHours;
import io.github.gitlabqueueadapter.store.SnapshotStore;
import io.github.gitlabqueueadapter.watch.GroupDiscovery;
import io.github.gitlabqueueadapter.watch.RunnerFacts;
import io.github.gitlabqueueadapter.watch.RunnerLookups;
import io.github.gitlabqueueadapter.watch.RunnerReads;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reset before each test reaches every stateful bean, each the application's one instance. */
@QuarkusTest
@TestProfile(WatchProfiles.GitLabReads.class)
@WithTestResource(GitLabWireMock.class)
class ResetForTestsTest {

    @Test
    void everyStatefulBeanIsResetBeforeEachTest() {
        List<ResetForTests> reset = FreshStateBeforeEach.resetAll(Arc.container());
        for (Class<?> stateful : List.of(
                MutableClock.class,
                RequestBudget.class,
                ProjectGuards.class,
                KeysetPaging.class,
                SnapshotStore.class,
                QueueMemories.class,
                ScalingRecorder.class,
                GroupDiscovery.class,
                RunnerFacts.class,
                RunnerReads.class,
                RunnerLookups.class,
                WatchedProjects.class,
                PoolCapacities.class,
                PoolRunnerHours.class)) {
            assertTrue(reset.stream().anyMatch(stateful::isInstance), stateful.getSimpleName() + " is reset");
        }
        assertTrue(reset.get(0) instanceof MutableClock, "the clock first");
    }

    @Test
    void noResetBeanIsDependent() {
        Arc.container()
                .beanManager()
                .getBeans(ResetForTests.class, Any.Literal.INSTANCE)
                .forEach(bean -> assertEquals(
                        false,
                        bean.getScope().equals(Dependent.class),
                        bean + ": a new instance at each lookup, so its reset would reach no one"));
    }
}
