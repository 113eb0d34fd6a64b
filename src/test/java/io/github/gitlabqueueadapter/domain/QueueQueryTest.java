package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.support.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pool's sum over its projects, and what happens when some of them cannot be read. */
class QueueQueryTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private final QueueQuery query = new QueueQuery(PollCadence.of(Duration.ofMinutes(2), Duration.ofMinutes(2)));

    private static ProjectState polled(String name, Instant at, int pending, int running) {
        ProjectRef project = ProjectRef.parse(name);
        List<JobState> jobs = new java.util.ArrayList<>();
        for (int i = 0; i < pending; i++) {
            jobs.add(Jobs.pending(i).queued(10.0 * (i + 1)).build());
        }
        for (int i = 0; i < running; i++) {
            jobs.add(Jobs.running(100 + i).runner(17L, "r").queued(1.0).build());
        }
        return ProjectState.unpolled(project).withSuccess(new ProjectSnapshot(project, jobs, at, false, 1));
    }

    @Test
    void aPoolSumsItsProjectsAndIsAsOldAsItsOldestSnapshot() {
        Answer<QueueMeasurement> answer = query.sum(
                "p",
                new QueueQuery.Members(
                        List.of(polled("a/one", T0, 2, 1), polled("a/two", T0.plusSeconds(10), 3, 0)),
                        List.of(),
                        "the pool has no project yet"),
                T0.plusSeconds(20),
                QueueFilter.ALL);
        QueueMeasurement view = available(answer);
        assertEquals(5, view.pending());
        assertEquals(1, view.running());
        assertEquals(6, view.total());
        assertEquals(2, view.members().projects());
        assertEquals(20.0, view.ageSeconds(), 1e-9);
        assertEquals(T0, view.observedAt());
        assertEquals(40.0, view.oldestPendingSeconds(), 1e-9, "a/one: 20 s queued + 20 s since; a/two: 30 s + 10 s");
        assertFalse(view.stale());
    }

    @Test
    void anUnreadableProjectMarksThePartialSumStale() {
        QueueMeasurement view = available(query.sum(
                "p",
                new QueueQuery.Members(
                        List.of(polled("a/one", T0, 2, 0), ProjectState.unpolled(ProjectRef.parse("a/gone"))),
                        List.of(),
                        "the pool has no project yet"),
                T0,
                QueueFilter.ALL));
        assertEquals(2, view.pending());
        assertTrue(view.stale());
        assertEquals(1, view.members().unavailable());
        assertTrue(view.trust().lastError().startsWith("a/gone: "));
    }

    @Test
    void noReadableProjectMeansNoNumber() {
        Answer<QueueMeasurement> answer = query.sum(
                "p",
                new QueueQuery.Members(List.of(polled("a/one", T0, 2, 0)), List.of(), "the pool has no project yet"),
                T0.plusSeconds(121),
                QueueFilter.ALL);
        assertInstanceOf(Answer.Unavailable.class, answer);
        assertInstanceOf(
                Answer.Unavailable.class,
                query.sum(
                        "p",
                        new QueueQuery.Members(List.of(), List.of(), "the pool has no project yet"),
                        T0,
                        QueueFilter.ALL));
    }

    @Test
    void aGroupNotListedYetCountsAsUnavailableNotAsZero() {
        QueueMeasurement view = available(query.sum(
                "p",
                new QueueQuery.Members(
                        List.of(polled("a/one", T0, 2, 0)),
                        List.of("group g: its projects have not been listed yet"),
                        "the pool has no project yet"),
                T0,
                QueueFilter.ALL));
        assertEquals(2, view.pending());
        assertTrue(view.stale(), "a partial sum is never fresh");
        assertEquals(2, view.members().projects());
        assertEquals(1, view.members().unavailable());
    }

    private static QueueMeasurement available(Answer<QueueMeasurement> answer) {
        return answer.available().orElseThrow(() -> new AssertionError("no number: " + answer));
    }
}
