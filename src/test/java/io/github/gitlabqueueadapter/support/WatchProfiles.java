package io.github.gitlabqueueadapter.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The test profiles that several Quarkus test classes share, by theme: each class names one with
 * {@code @TestProfile}, and each line here says which class reads what. One profile is one start of the application
 * (a few seconds), so the classes of a theme share one; a class whose configuration differs in more than what it
 * watches has a profile of its own, built with {@link Watching} too.
 */
public final class WatchProfiles {

    private WatchProfiles() {}

    /** Pool {@code name} over {@code projects}: jobs tagged docker only. */
    private static Watching dockerPool(String name, String projects) {
        return Watching.nothingYet().pool(name, "projects", projects, "tags", "docker", "run-untagged", "false");
    }

    /** Reading GitLab and answering from what was read: one project per way GitLab answers. */
    public static class GitLabReads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // GitLabClientTest, QueueEndpointTest, MetricsTest, QueuePollerTest, KeysetPagingTest, BadInputTest
            return Watching.projects(
                            "it/empty",
                            "it/paged",
                            "it/flaky",
                            "it/slow",
                            "it/unauthorized",
                            "it/missing",
                            "it/malformed",
                            "it/stale",
                            "it/readers",
                            "it/broken",
                            "it/healthy",
                            "4242",
                            "it/capped",
                            "it/limited")
                    .andProjects("it/faults") // GitLabFaultsTest, KeysetPagingTest
                    .andProjects("platform/api") // QueueEndpointTest, MetricNamesTest
                    .and(dockerPool("moving", "it/moving")) // KeysetPagingTest: a list that moves while it is read
                    .config();
        }
    }

    /** Pools of tags and of runners, groups, and one project named twice. */
    public static class PoolsAndGroups implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Watching.projects("platform/api") // ExamplesTest
                    .andProjects("it/empty") // FirstPollReadinessTest: GitLab does not know it
                    // PoolsTest, ExamplesTest
                    .and(dockerPool("docker", "it/pool-a,it/pool-b").set("adapter.pools.docker.runners", "17"))
                    .pool("fast", "projects", "it/pool-a", "tags", "docker,fast") // PoolsTest
                    .pool("half", "projects", "it/pool-a,it/pool-never") // PoolsTest
                    // GroupsTest, FirstPollReadinessTest
                    .groups("it-group", "it-undiscovered", "it-retried")
                    .pool("grouped", "groups", "it-group", "tags", "docker", "run-untagged", "false")
                    // OneIdentityTest: one project named by path and by GitLab's id
                    .pool("twice", "projects", "it/twice,951076,it/quiet")
                    // RunnerPoolsTest, RunnerUrlTest: pools of GitLab's runners, read from GitLab
                    .pool("runners", "projects", "it/runners-a,it/runners-b", "runners", "71,72")
                    .pool("protected-runner", "projects", "it/runners-a", "runners", "73,74")
                    .pool("own-scope", "runners", "75,76,77") // RunnerPoolsTest: the runners' own projects
                    .config();
        }
    }

    /** Job events, and what is learned from them: history, insight, scaling, the status page. */
    public static class Events implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // WebhookTest, EventsFirstTest, InsightEndpointTest, StatusPageBrowserTest
            return dockerPool("hooked", "it/hooked")
                    .andProjects("it/hooked")
                    .andProjects("it/pool-never") // WebhookTest: watched, never polled
                    .andProjects("it/insight", "it/ramp") // InsightEndpointTest
                    .groups("it-group") // InsightEndpointTest
                    .andProjects("it/browser") // StatusPageBrowserTest
                    // ScalingSeenEndToEndTest: jobs that wait for runners that join late
                    .and(dockerPool("scaling", "it/scaling"))
                    .andProjects("it/scaling")
                    .config();
        }
    }
}
