package io.github.gitlabqueueadapter.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Decides whether a project's number may be served: fresh, stale (the last poll failed, or the next one is overdue:
 * older than the project's interval plus the time its attempts may take, while the last good snapshot is still within
 * {@code adapter.max-staleness}), or unavailable (no good snapshot, one too old to trust, or a project GitLab
 * answers 404 for). A project that waits its turn in a request budget too short for every project's interval
 * ({@link PollBudget.Allowance#projectsWait()}) is stale, not unavailable, for as long as the budget makes it wait
 * ({@link PollBudget.Allowance#waitingTurn}): only a failing GitLab makes its number a 503.
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
    private final Supplier<PollBudget.Allowance> budget;

    /** Judges by the configured cadence alone, as if the request budget never made a project wait. */
    public Freshness(PollCadence cadence) {
        this(cadence, () -> PollBudget.Allowance.unlimited(cadence));
    }

    /** Judges by the configured cadence and what the request budget allows now. */
    public Freshness(PollCadence cadence, Supplier<PollBudget.Allowance> budget) {
        this.cadence = cadence;
        this.budget = budget;
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
        PollBudget.Allowance allowance = budget.get();
        Duration turn = allowance.waitingTurn(cadence.expected(state));
        boolean budgetLimits = allowance.projectsWait() && turn.compareTo(limit) > 0;
        if (budgetLimits) {
            limit = turn;
        }
        if (age.compareTo(limit) > 0) {
            String allowed = budgetLimits
                    ? limit.toSeconds() + "s (the interval gitlab.requests-per-minute allows, a quarter on top, and"
                            + " one poll's attempts)"
                    : limit.equals(cadence.maxStaleness())
                            ? "adapter.max-staleness (" + limit.toSeconds() + "s)"
                            : limit.toSeconds()
                                    + "s (adapter.max-staleness plus the longer interval of a project fed by"
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
        if (age.compareTo(cadence.overdueAfter(state)) > 0 && allowance.projectsWait()) {
            return new Judgement(Verdict.STALE, waitsItsTurn(age, allowance));
        }
        if (age.compareTo(cadence.overdueAfter(state)) > 0) {
            return new Judgement(
                    Verdict.STALE,
                    "GitLab has not answered for " + age.toSeconds() + " s (a poll is due every "
                            + cadence.expected(state).toSeconds() + " s)");
        }
        return new Judgement(Verdict.FRESH, null);
    }

    /** Why a number older than its interval is still served: the budget has more projects than it can poll on time. */
    private String waitsItsTurn(Duration age, PollBudget.Allowance allowance) {
        return "the number is " + age.toSeconds() + " s old: it waits its turn in the request budget"
                + " (gitlab.requests-per-minute allows a poll of each of the " + allowance.projects()
                + " watched projects about every " + allowance.interval().toSeconds() + " s, adapter.poll-interval is "
                + cadence.pollInterval().toSeconds() + " s)";
    }
}
