package io.github.gitlabqueueadapter.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.gitlab.KeysetPaging;
import io.github.gitlabqueueadapter.gitlab.ProjectGuards;
import io.github.gitlabqueueadapter.gitlab.RequestBudget;
import io.github.gitlabqueueadapter.insight.QueueMemories;
import io.github.gitlabqueueadapter.insight.ScalingRecorder;
import io.github.gitlabqueueadapter.store.SnapshotStore;
import io.github.gitlabqueueadapter.watch.GroupDiscovery;
import io.github.gitlabqueueadapter.watch.RunnerFacts;
import io.github.gitlabqueueadapter.watch.RunnerLookups;
import io.github.gitlabqueueadapter.watch.RunnerReads;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Set;

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
        container.instance(MutableClock.class).get().reset();
        // a slot or a 429 pause booked while the clock was minutes ahead would hold every later request
        container.instance(RequestBudget.class).get().reset();
        container.instance(ProjectGuards.class).get().resetAll();
        // an earlier test's GitLab that refused or ignored keyset paging is not this test's GitLab
        container.instance(KeysetPaging.class).get().reset();
        // snapshots and samples an earlier test left would be dated in this test's future
        SnapshotStore store = container.instance(SnapshotStore.class).get();
        store.all().stream().map(ProjectState::project).forEach(store::remove);
        container.instance(QueueMemories.class).get().retain(Set.of());
        container.instance(ScalingRecorder.class).get().reset();
        // a group an earlier test listed has no members again, so they join (and are polled) when a test lists it;
        // a group never listed stays unlisted
        container.instance(GroupDiscovery.class).get().resetRetries(); // no retry of an earlier test's listing
        // runners an earlier test read are not this test's GitLab's
        container.instance(RunnerFacts.class).get().reset();
        container.instance(RunnerReads.class).get().reset();
        container.instance(RunnerLookups.class).get().reset();
        WatchedProjects watched = container.instance(WatchedProjects.class).get();
        watched.groups()
                .forEach(group -> watched.members(group).ifPresent(found -> watched.setMembers(group, List.of())));
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
