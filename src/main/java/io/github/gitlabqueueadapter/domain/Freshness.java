package io.github.gitlabqueueadapter.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether a project's number may be served: fresh, stale (the last poll failed, or the next one is overdue:
 * older than the project's interval plus the time its attempts may take, while the last good snapshot is still within
 * {@code adapter.max-staleness}), or unavailable (no good snapshot, one too old to trust, or a project GitLab
 * answers 404 for).
 */
public final class Freshness {

    public enum Verdict {
        FRESH,
        STALE,
        UNAVAILABLE
    }

    /** A verdict with the sentence that explains it to a person (null when fresh). */
    public record Judgement(Verdict verdict, String reason) {}

    /**
     * The failure of a project GitLab answers 404 for: its last jobs are not served as if they still waited (it was
     * deleted, moved, or the token lost access to it).
     */
    static final String NOT_FOUND = "not_found";

    private final PollCadence cadence;

    public Freshness(PollCadence cadence) {
        this.cadence = cadence;
    }

    public Judgement judge(ProjectState state, Instant now) {
        String lastError = state.lastFailure() == null
                ? ""
                : "; last error: " + state.lastFailure().message();
        if (state.lastGood() == null) {
            String what = state.lastFailure() == null ? "not polled yet" : "no successful poll yet";
            return new Judgement(Verdict.UNAVAILABLE, what + lastError);
        }
        Duration age = Duration.between(state.lastGood().observedAt(), now);
        Duration limit = cadence.unavailableAfter(state);
        if (age.compareTo(limit) > 0) {
            String allowed = limit.equals(cadence.maxStaleness())
                    ? "adapter.max-staleness (" + limit.toSeconds() + "s)"
                    : limit.toSeconds() + "s (adapter.max-staleness plus the longer interval of a project fed by"
                            + " job events)";
            return new Judgement(
                    Verdict.UNAVAILABLE,
                    "the last good snapshot is " + age.toSeconds() + "s old, older than " + allowed + lastError);
        }
        if (state.lastFailure() != null && NOT_FOUND.equals(state.lastFailure().reason())) {
            return new Judgement(Verdict.UNAVAILABLE, "GitLab no longer knows the project" + lastError);
        }
        if (state.lastFailure() != null) {
            return new Judgement(Verdict.STALE, state.lastFailure().message());
        }
        if (age.compareTo(cadence.overdueAfter(state)) > 0) {
            return new Judgement(
                    Verdict.STALE,
                    "GitLab has not answered for " + age.toSeconds() + " s (a poll is due every "
                            + cadence.expected(state).toSeconds() + " s)");
        }
        return new Judgement(Verdict.FRESH, null);
    }
}
