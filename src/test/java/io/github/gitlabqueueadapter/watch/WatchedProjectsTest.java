package io.github.gitlabqueueadapter.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.support.TestConfigs;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatchedProjectsTest {

    @Test
    void aProjectOfASubgroupBelongsToBothWatchedGroupsInConfiguredOrder() {
        WatchedProjects watched = new WatchedProjects(
                TestConfigs.adapter("adapter.projects", "other/app", "adapter.groups", "platform,platform/backend"));
        ProjectRef api = ProjectRef.parse("platform/backend/api");
        watched.setMembers(GroupRef.parse("platform/backend"), List.of(api));
        watched.setMembers(GroupRef.parse("platform"), List.of(ProjectRef.parse("platform/web"), api));

        assertEquals(List.of(GroupRef.parse("platform"), GroupRef.parse("platform/backend")), watched.groupsOf(api));
        assertEquals(Optional.of(GroupRef.parse("platform")), watched.groupOf(api));
        assertEquals(List.of(GroupRef.parse("platform")), watched.groupsOf(ProjectRef.parse("platform/web")));
        assertEquals(List.of(), watched.groupsOf(ProjectRef.parse("other/app")));
    }
}
