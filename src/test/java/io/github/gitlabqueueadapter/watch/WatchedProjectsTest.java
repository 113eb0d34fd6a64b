package io.github.gitlabqueueadapter.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.support.TestConfigs;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    private static ProjectRef ref(String name) {
        return ProjectRef.parse(name);
    }

    @Test
    void anIdAndAPathOfOneProjectAreOneProjectOnceGitLabSaysSo() {
        WatchedProjects watched = new WatchedProjects(TestConfigs.adapter("adapter.projects", "701,dup/app,other/app"));
        assertEquals(List.of(ref("701"), ref("dup/app"), ref("other/app")), watched.all(), "not known yet: two");

        assertTrue(watched.learn(ref("dup/app"), 701));

        assertEquals(List.of(ref("701"), ref("other/app")), watched.all(), "polled and counted once");
        assertEquals(Optional.of(ref("701")), watched.find(ref("dup/app")), "its endpoint answers under both names");
        assertEquals(Optional.of(ref("701")), watched.find(ref("DUP/App")));
        assertFalse(watched.isWatched(ref("dup/app")));
        assertTrue(watched.isWatched(ref("701")));
        assertEquals(List.of(ref("701")), watched.watchedOf(List.of(ref("701"), ref("dup/app"))));
        assertFalse(watched.learn(ref("dup/app"), 701), "nothing new");
    }

    @Test
    void aPoolsWatchedSetFollowsTheWatchedProjects() {
        WatchedProjects watched = new WatchedProjects(TestConfigs.adapter("adapter.projects", "701,dup/app,other/app"));
        List<ProjectRef> pool = List.of(ref("dup/app"), ref("other/app"), ref("not/watched"));
        assertEquals(Set.of(ref("dup/app"), ref("other/app")), watched.watchedSetOf(pool));
        assertEquals(watched.watchedSetOf(pool), watched.watchedSetOf(pool), "asked again: the same");

        watched.learn(ref("dup/app"), 701); // one project under two names: the set follows

        assertEquals(Set.of(ref("701"), ref("other/app")), watched.watchedSetOf(pool));
        assertEquals(Set.copyOf(watched.watchedOf(pool)), watched.watchedSetOf(pool));
    }

    @Test
    void theFirstConfiguredNameIsTheOneKeptWhicheverItIs() {
        WatchedProjects watched = new WatchedProjects(TestConfigs.adapter("adapter.projects", "dup/app,701"));
        watched.learn(ref("dup/app"), 701);
        assertEquals(List.of(ref("dup/app")), watched.all());
        assertEquals(Optional.of(ref("dup/app")), watched.find(ref("701")));
    }

    @Test
    void aPathNamedProjectIsFoundByItsIdOnceLearned() {
        WatchedProjects watched = new WatchedProjects(TestConfigs.adapter("adapter.projects", "team/app"));
        assertEquals(Optional.empty(), watched.find(ref("4242")));
        watched.learn(ref("team/app"), 4242);
        assertEquals(Optional.of(ref("team/app")), watched.find(ref("4242")), "a job event by project_id finds it");
        assertEquals(List.of(ref("team/app")), watched.all());
    }

    @Test
    void aNamedProjectThatIsAlsoAGroupMemberIsOneProjectOfThatGroup() {
        WatchedProjects watched =
                new WatchedProjects(TestConfigs.adapter("adapter.projects", "501", "adapter.groups", "g1"));
        watched.setMembers(
                GroupRef.parse("g1"),
                List.of(ref("g1/app"), ref("g1/other")),
                java.util.Map.of(ref("g1/app"), 501L, ref("g1/other"), 502L));

        assertEquals(List.of(ref("501"), ref("g1/other")), watched.all());
        assertEquals(Optional.of(List.of(ref("501"), ref("g1/other"))), watched.members(GroupRef.parse("g1")));
        assertEquals(List.of(GroupRef.parse("g1")), watched.groupsOf(ref("501")));
        assertEquals(Optional.of(ref("g1/other")), watched.find(ref("502")));
        assertTrue(watched.isNamed(ref("501")));
    }

    @Test
    void aNameThatLeftItsGroupTakesItsIdAlong() {
        WatchedProjects watched = new WatchedProjects(TestConfigs.adapter("adapter.groups", "g1"));
        watched.setMembers(GroupRef.parse("g1"), List.of(ref("g1/app")), java.util.Map.of(ref("g1/app"), 9L));
        watched.setMembers(GroupRef.parse("g1"), List.of(), java.util.Map.of());
        assertEquals(Optional.empty(), watched.find(ref("9")));
        assertFalse(watched.all().contains(ref("g1/app")));
    }
}
