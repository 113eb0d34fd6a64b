package io.github.gitlabqueueadapter.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectSnapshot;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.QueueFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pool's sum over its projects, and what happens when some of them cannot be read. */
class QueueQueryTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private final QueueQuery query = new QueueQuery(Duration.ofMinutes(2));

    private static ProjectState polled(String name, Instant at, int pending, int running) {
        ProjectRef project = ProjectRef.parse(name);
        List<JobState> jobs = new java.util.ArrayList<>();
        for (int i = 0; i < pending; i++) {
            jobs.add(new JobState(i, "pending", List.of(), null, null, 10.0 * (i + 1), null));
        }
        for (int i = 0; i < running; i++) {
            jobs.add(new JobState(100 + i, "running", List.of(), 17L, "r", 1.0, null));
        }
        return ProjectState.unpolled(project).withSuccess(new ProjectSnapshot(project, jobs, at, false, 1));
    }

    @Test
    void aPoolSumsItsProjectsAndIsAsOldAsItsOldestSnapshot() {
        QueueQuery.Answer answer = query.pool(
                "p",
                List.of(polled("a/one", T0, 2, 1), polled("a/two", T0.plusSeconds(10), 3, 0)),
                List.of(),
                T0.plusSeconds(20),
                QueueFilter.ALL);
        QueueView view = assertInstanceOf(QueueQuery.Available.class, answer).view();
        assertEquals(5, view.pending());
        assertEquals(1, view.running());
        assertEquals(6, view.total());
        assertEquals(2, view.projects());
        assertEquals(20.0, view.ageSeconds(), 1e-9);
        assertEquals(T0, view.observedAt());
        assertEquals(40.0, view.oldestPendingSeconds(), 1e-9, "a/one: 20 s queued + 20 s since; a/two: 30 s + 10 s");
        assertFalse(view.stale());
    }

    @Test
    void anUnreadableProjectMarksThePartialSumStale() {
        QueueView view = assertInstanceOf(
                        QueueQuery.Available.class,
                        query.pool(
                                "p",
                                List.of(polled("a/one", T0, 2, 0), ProjectState.unpolled(ProjectRef.parse("a/gone"))),
                                List.of(),
                                T0,
                                QueueFilter.ALL))
                .view();
        assertEquals(2, view.pending());
        assertTrue(view.stale());
        assertEquals(1, view.unavailableProjects());
        assertTrue(view.lastError().startsWith("a/gone: "));
    }

    @Test
    void noReadableProjectMeansNoNumber() {
        QueueQuery.Answer answer =
                query.pool("p", List.of(polled("a/one", T0, 2, 0)), List.of(), T0.plusSeconds(121), QueueFilter.ALL);
        assertInstanceOf(QueueQuery.Unavailable.class, answer);
        assertInstanceOf(QueueQuery.Unavailable.class, query.pool("p", List.of(), List.of(), T0, QueueFilter.ALL));
    }

    @Test
    void aGroupNotListedYetCountsAsUnavailableNotAsZero() {
        QueueView view = assertInstanceOf(
                        QueueQuery.Available.class,
                        query.pool(
                                "p",
                                List.of(polled("a/one", T0, 2, 0)),
                                List.of("group g: its projects have not been listed yet"),
                                T0,
                                QueueFilter.ALL))
                .view();
        assertEquals(2, view.pending());
        assertTrue(view.stale(), "a partial sum is never fresh");
        assertEquals(2, view.projects());
        assertEquals(1, view.unavailableProjects());
    }
}
