package io.github.gitlabqueueadapter.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.support.TestConfigs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatchedProjectsTest {

    @Test
    void aProjectOfASubgroupBelongsToBothWatchedGroupsInConfiguredOrder() {
        WatchedProjects watched = new WatchedProjects(new TestConfigs.Adapter(
                        Optional.of(List.of("other/app")), Duration.ofSeconds(15), Duration.ofMinutes(2), 50, 4)
                .withGroups(List.of("platform", "platform/backend")));
        ProjectRef api = ProjectRef.parse("platform/backend/api");
        watched.setMembers(GroupRef.parse("platform/backend"), List.of(api));
        watched.setMembers(GroupRef.parse("platform"), List.of(ProjectRef.parse("platform/web"), api));

        assertEquals(List.of(GroupRef.parse("platform"), GroupRef.parse("platform/backend")), watched.groupsOf(api));
        assertEquals(Optional.of(GroupRef.parse("platform")), watched.groupOf(api));
        assertEquals(List.of(GroupRef.parse("platform")), watched.groupsOf(ProjectRef.parse("platform/web")));
        assertEquals(List.of(), watched.groupsOf(ProjectRef.parse("other/app")));
    }
}
