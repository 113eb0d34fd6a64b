package io.github.gitlabqueueadapter.query;

import io.github.gitlabqueueadapter.domain.Freshness;
import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.domain.ProjectSnapshot;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.QueueCount;
import io.github.gitlabqueueadapter.domain.QueueFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Turns project states into what a reader gets: a {@link QueueView} for one project or a pool of projects, or why
 * no number can be given. Only reads the states: no filter or pool ever costs a GitLab request.
 */
public final class QueueQuery {

    /** The answer for one queue. */
    public sealed interface Answer permits Available, Unavailable {
        String name();
    }

    public record Available(String name, QueueView view) implements Answer {}

    public record Unavailable(String name, String reason) implements Answer {}

    private final Freshness freshness;

    public QueueQuery(Duration maxStaleness) {
        this.freshness = new Freshness(maxStaleness);
    }

    public Answer project(ProjectState state, Instant now) {
        return project(state, now, QueueFilter.ALL);
    }

    /** One project's queue, counting only the jobs {@code filter} keeps. */
    public Answer project(ProjectState state, Instant now, QueueFilter filter) {
        Freshness.Judgement judgement = freshness.judge(state, now);
        String name = state.project().name();
        if (judgement.verdict() == Freshness.Verdict.UNAVAILABLE) {
            return new Unavailable(name, judgement.reason());
        }
        ProjectSnapshot snapshot = state.lastGood();
        QueueCount count = QueueCount.of(snapshot, now, filter);
        boolean stale = judgement.verdict() == Freshness.Verdict.STALE;
        return new Available(
                name,
                new QueueView(
                        name,
                        count.pending(),
                        count.running(),
                        count.total(),
                        tenths(count.oldestPendingSeconds()),
                        snapshot.observedAt(),
                        tenths(ageSeconds(snapshot, now)),
                        stale,
                        snapshot.capped(),
                        stale ? judgement.reason() : null,
                        null,
                        null,
                        state.events().lastEventAt(),
                        null,
                        null,
                        null));
    }

    /**
     * A pool: the sum over its projects. Projects that cannot be read leave the sum but mark it stale and are counted
     * in {@code unavailableProjects}: a pool of twenty is not silenced by one deleted project, and a partial sum is
     * never served as fresh. With no project readable, no number.
     *
     * @param missing parts that could not even be resolved to projects (a group not listed yet), each a reason
     */
    public Answer pool(String name, List<ProjectState> states, List<String> missing, Instant now, QueueFilter filter) {
        int pending = 0;
        int running = 0;
        double oldest = 0;
        double age = 0;
        Instant observedAt = null;
        Instant lastEventAt = null;
        boolean stale = false;
        boolean capped = false;
        int unavailable = missing.size();
        String firstProblem = missing.isEmpty() ? null : missing.get(0);
        for (ProjectState state : states) {
            Answer answer = project(state, now, filter);
            if (answer instanceof Available available) {
                QueueView view = available.view();
                pending += view.pending();
                running += view.running();
                oldest = Math.max(oldest, view.oldestPendingSeconds());
                age = Math.max(age, view.ageSeconds());
                observedAt =
                        observedAt == null || view.observedAt().isBefore(observedAt) ? view.observedAt() : observedAt;
                stale |= view.stale();
                capped |= view.capped();
                if (view.lastEventAt() != null
                        && (lastEventAt == null || view.lastEventAt().isAfter(lastEventAt))) {
                    lastEventAt = view.lastEventAt();
                }
                if (view.stale() && firstProblem == null) {
                    firstProblem = view.project() + ": " + view.lastError();
                }
            } else {
                unavailable++;
                if (firstProblem == null) {
                    firstProblem = answer.name() + ": " + ((Unavailable) answer).reason();
                }
            }
        }
        if (states.isEmpty()) {
            return new Unavailable(name, firstProblem != null ? firstProblem : "the pool has no project yet");
        }
        if (unavailable == states.size() + missing.size()) {
            return new Unavailable(name, "none of its projects can be read; " + firstProblem);
        }
        stale |= unavailable > 0;
        return new Available(
                name,
                new QueueView(
                        name,
                        pending,
                        running,
                        pending + running,
                        oldest,
                        observedAt,
                        age,
                        stale,
                        capped,
                        stale ? firstProblem : null,
                        states.size() + missing.size(),
                        unavailable > 0 ? unavailable : null,
                        lastEventAt,
                        null,
                        null,
                        null));
    }

    /** The running jobs {@code filter} keeps, of every state that can still be served: who runs this queue now. */
    public List<JobState> running(List<ProjectState> states, Instant now, QueueFilter filter) {
        List<JobState> running = new java.util.ArrayList<>();
        for (ProjectState state : states) {
            if (freshness.judge(state, now).verdict() != Freshness.Verdict.UNAVAILABLE) {
                state.lastGood().jobs().stream().filter(filter::countsRunning).forEach(running::add);
            }
        }
        return running;
    }

    private static double ageSeconds(ProjectSnapshot snapshot, Instant now) {
        return Math.max(0, Duration.between(snapshot.observedAt(), now).toMillis() / 1000.0);
    }

    private static double tenths(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
