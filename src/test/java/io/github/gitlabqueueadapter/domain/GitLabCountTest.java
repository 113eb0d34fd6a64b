package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A pool counted by GitLab: pending is the union of the runners' listings within the pool's projects, running from
 * the polls, and an old count turns stale, then unavailable, as a poll's number does.
 */
class GitLabCountTest {

    private static final Instant READ = Instant.parse("2026-12-07T10:00:00Z");
    private static final List<ProjectRef> MEMBERS = List.of(ProjectRef.parse("it/a"), ProjectRef.parse("502"));

    /**
     * Listings, one per runner asked: jobs {@code id@project/queuedSeconds} separated by ','; listings by ' '. Project
     * {@code it/a} (by path, id 501), {@code it/b} (id 502, the pool names it by id), {@code it/c} (not the pool's).
     */
    @ParameterizedTest(name = "{0}, {1} s later, failed: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1@a/10                       | 0   | -    | available 1 oldest 10.0 fresh
            1@a/10 1@a/10                | 0   | -    | available 1 oldest 10.0 fresh
            1@a/10,2@b/5 2@b/5,3@b/30    | 0   | -    | available 3 oldest 30.0 fresh
            1@a/10,4@c/99                | 0   | -    | available 1 oldest 10.0 fresh
            4@c/99                       | 0   | -    | available 0 oldest 0.0 fresh
            1@a/10                       | 20  | -    | available 1 oldest 30.0 fresh
            1@a/10                       | 20  | 500  | available 1 oldest 30.0 stale
            1@a/10                       | 121 | -    | unavailable
            1@a/10                       | 121 | 500  | unavailable
            """)
    void countsTheUnionOfTheListingsInThePoolsProjects(String listings, int later, String failure, String expected) {
        List<List<GitLabCount.Job>> read = new ArrayList<>();
        for (String listing : listings.trim().split(" +")) {
            List<GitLabCount.Job> jobs = new ArrayList<>();
            for (String job : listing.split(",")) {
                String[] idRest = job.split("@");
                String[] projectQueued = idRest[1].split("/");
                String project = projectQueued[0];
                jobs.add(new GitLabCount.Job(
                        Long.parseLong(idRest[0]),
                        switch (project) {
                            case "a" -> 501L;
                            case "b" -> 502L;
                            default -> 503L;
                        },
                        "it/" + project,
                        Double.parseDouble(projectQueued[1])));
            }
            read.add(jobs);
        }
        GitLabCount count = GitLabCount.union(read, List.of(71L), read.size(), false, READ);
        if (!failure.equals("-")) {
            count = count.failed("GitLab answered " + failure);
        }
        QueueMeasurement polled = new QueueMeasurement(
                "pool",
                new QueueCount(0, 2, 0),
                READ,
                0,
                new QueueMeasurement.Trust(false, false, null),
                new QueueMeasurement.Members(2, 0),
                null,
                QueueMeasurement.Source.POLLING);
        Answer<QueueMeasurement> answer = count.over(
                new Answer.Available<>("pool", polled), MEMBERS, READ.plusSeconds(later), Duration.ofMinutes(2));
        assertEquals(
                expected,
                answer.fold(
                        m -> "available " + m.pending() + " oldest " + m.oldestPendingSeconds() + " "
                                + (m.stale() ? "stale" : "fresh") + (m.running() == 2 ? "" : " running lost"),
                        reason -> "unavailable"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            it/a,it/b | it/a=2
            it/a,502  | it/a=2, 502=1
            it/c      | ''
            """)
    void pendingByProjectNamesEachOfThePoolsProjectsWithJobs(String members, String expected) {
        GitLabCount count = GitLabCount.union(
                List.of(List.of(
                        new GitLabCount.Job(1, 501L, "it/a", 0),
                        new GitLabCount.Job(2, 501L, "IT/A", 0),
                        new GitLabCount.Job(3, 502L, null, 0))),
                List.of(71L),
                1,
                false,
                READ);
        List<ProjectRef> refs = java.util.Arrays.stream(members.split(","))
                .map(ProjectRef::parse)
                .toList();
        assertEquals(
                expected,
                String.join(
                        ", ",
                        count.pendingByProject(refs).entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .toList()));
    }
}
