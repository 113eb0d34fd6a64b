package io.github.gitlabqueueadapter.queue;

import java.time.Duration;
import java.time.Instant;

/** Turns a project's state into what a reader gets: a {@link QueueView}, or why no number can be given. */
public final class QueueQuery {

    /** The answer for one project. */
    public sealed interface Answer permits Available, Unavailable {
        ProjectRef project();
    }

    public record Available(ProjectRef project, QueueView view) implements Answer {
    }

    public record Unavailable(ProjectRef project, String reason) implements Answer {
    }

    private final Freshness freshness;

    public QueueQuery(Duration maxStaleness) {
        this.freshness = new Freshness(maxStaleness);
    }

    public Answer project(ProjectState state, Instant now) {
        Freshness.Judgement judgement = freshness.judge(state, now);
        if (judgement.verdict() == Freshness.Verdict.UNAVAILABLE) {
            return new Unavailable(state.project(), judgement.reason());
        }
        ProjectSnapshot snapshot = state.lastGood();
        QueueCount count = QueueCount.of(snapshot, now);
        double age = Math.max(0, Duration.between(snapshot.observedAt(), now).toMillis() / 1000.0);
        boolean stale = judgement.verdict() == Freshness.Verdict.STALE;
        return new Available(state.project(), new QueueView(state.project().name(), count.pending(), count.running(),
                count.total(), tenths(count.oldestPendingSeconds()), snapshot.observedAt(), tenths(age), stale,
                snapshot.capped(), stale ? judgement.reason() : null));
    }

    private static double tenths(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
