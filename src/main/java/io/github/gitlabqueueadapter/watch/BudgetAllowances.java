package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.domain.PollBudget;
import io.github.gitlabqueueadapter.domain.PollCadence;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * What the request budget allows for the watched projects now ({@link PollBudget.Allowance}), worked out at start,
 * whenever the watched set changes and at most {@link #RECOMPUTE} apart while projects turn busy or quiet. When the
 * cadence it allows cannot keep {@code adapter.max-staleness}, says so once in the log with the numbers and the ways
 * out, and once when it can again.
 */
@ApplicationScoped
public class BudgetAllowances implements ResetForTests {

    private static final Logger LOG = Logger.getLogger(BudgetAllowances.class);

    /** How long an allowance stands before it is worked out again. */
    static final Duration RECOMPUTE = Duration.ofSeconds(10);

    private final PollBudget budget;
    private final BudgetDemand demand;
    private final WatchedProjects watched;
    private final Clock clock;
    private final int requestsPerMinute;

    private volatile PollBudget.Allowance current;
    private volatile Instant computedAt = Instant.MIN;
    private volatile List<ProjectRef> computedFor;
    /** The log said the budget cannot keep max-staleness, and has not said since that it can. */
    private boolean saidShort;

    BudgetAllowances(
            GitLabConfig gitlab, PollCadence cadence, BudgetDemand demand, WatchedProjects watched, Clock clock) {
        this.requestsPerMinute = gitlab.requestsPerMinute();
        this.budget = new PollBudget(requestsPerMinute, cadence);
        this.demand = demand;
        this.watched = watched;
        this.clock = clock;
    }

    /** What the budget allows now. */
    public PollBudget.Allowance current() {
        Instant now = clock.instant();
        PollBudget.Allowance known = current;
        return known != null && stands(now, watched.all()) ? known : recompute(now);
    }

    /** The allowance worked out last still stands: same projects, less than {@link #RECOMPUTE} ago. */
    private boolean stands(Instant now, List<ProjectRef> projects) {
        Instant at = computedAt;
        return projects == computedFor && now.isBefore(at.plus(RECOMPUTE)) && !now.isBefore(at);
    }

    /** Works the allowance out at start, so a budget too short is said before the first reading ends. */
    void onStart(@Observes StartupEvent event) {
        current();
    }

    /** Works it out again as projects turn busy or quiet, so that the log speaks without readers. */
    @Scheduled(identity = "budget-arithmetic", every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        current();
    }

    private synchronized PollBudget.Allowance recompute(Instant now) {
        List<ProjectRef> projects = watched.all();
        if (current != null && stands(now, projects)) {
            return current; // another reader worked it out while this one waited
        }
        PollBudget.Allowance allowance = budget.allow(demand.demand(now));
        current = allowance;
        computedAt = now;
        computedFor = projects;
        if (!allowance.meets() && !saidShort) {
            saidShort = true;
            LOG.warn(tooShort(allowance));
        } else if (allowance.meets() && saidShort) {
            saidShort = false;
            LOG.infof(
                    "The request budget keeps adapter.max-staleness (%s) again: %d watched projects need %s requests"
                            + " a minute of the %s gitlab.requests-per-minute gives; each polled every %d s at most",
                    seconds(allowance.maxStaleness()),
                    allowance.projects(),
                    whole(allowance.neededPerMinute()),
                    whole(allowance.usablePerMinute()),
                    allowance.interval().toSeconds());
        }
        return allowance;
    }

    /** The one line that says the budget cannot keep max-staleness: the numbers, and the ways out. */
    private String tooShort(PollBudget.Allowance allowance) {
        return String.format(
                Locale.ROOT,
                "The request budget cannot keep adapter.max-staleness (%s): %d watched projects need %s requests"
                        + " a minute, gitlab.requests-per-minute %d gives %s, so a polled project is read about"
                        + " every %d s (busy ones every %d s). Their numbers are served as stale while they wait"
                        + " their turn, not as 503. Ways out: job events (events first: a project fed by them is"
                        + " read every adapter.reconcile-interval), a larger gitlab.requests-per-minute, fewer"
                        + " projects, or adapter.max-staleness of at least %s",
                seconds(allowance.maxStaleness()),
                allowance.projects(),
                whole(allowance.neededPerMinute()),
                requestsPerMinute,
                whole(allowance.usablePerMinute()),
                allowance.interval().toSeconds(),
                allowance.busyInterval().toSeconds(),
                seconds(allowance.maxStalenessNeeded().plusSeconds(1)));
    }

    private static String whole(double perMinute) {
        return String.format(Locale.ROOT, "%.0f", perMinute);
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }

    @Override
    public synchronized void reset() {
        current = null;
        computedAt = Instant.MIN;
        computedFor = null;
        saidShort = false;
    }
}
