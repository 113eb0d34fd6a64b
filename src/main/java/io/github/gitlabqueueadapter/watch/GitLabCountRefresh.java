package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.domain.GitLabCount;
import io.github.gitlabqueueadapter.domain.PoolDefinition;
import io.github.gitlabqueueadapter.domain.PoolRunnersRead;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import io.github.gitlabqueueadapter.domain.RunnerMatchers;
import io.github.gitlabqueueadapter.gitlab.CompatibleJobs;
import io.github.gitlabqueueadapter.gitlab.GitLabCountRefused;
import io.github.gitlabqueueadapter.gitlab.GitLabException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * With {@code gitlab.instance-count=graphql}, every {@code adapter.poll-interval}: for each pool of GitLab's runners
 * (runners, no tags), GitLab's own list of the pending jobs that one runner of each distinct matcher
 * ({@link RunnerMatchers}) may take, read through {@link CompatibleJobs} from the runners as {@link RunnerRefresh} last
 * read them; a runner named by several pools is asked once a round. The pool's pending is their union
 * ({@link GitLabCount}). A refusal (no such field, a token not an administrator's) makes every pool count by the
 * model of GitLab's matcher again, logged once, and GitLab is asked again {@link #RETRY_AFTER_REFUSAL} later; a
 * failure that may pass (a timeout, a 5xx) keeps the last count, stale, until adapter.max-staleness.
 */
@ApplicationScoped
public class GitLabCountRefresh implements ResetForTests {

    /** How long the pools count by the model after GitLab refused to count, before GitLab is asked again. */
    static final Duration RETRY_AFTER_REFUSAL = Duration.ofHours(1);

    private static final Logger LOG = Logger.getLogger(GitLabCountRefresh.class);

    private final boolean enabled;
    private final Pools pools;
    private final RunnerFacts facts;
    private final CompatibleJobs gitlab;
    private final GitLabCounts counts;
    private final BudgetDemand budget;
    private final Clock clock;
    /** The failure last logged per pool: one entry per configured pool at most. */
    private final Map<String, String> failing = new ConcurrentHashMap<>();

    GitLabCountRefresh(
            GitLabConfig config,
            Pools pools,
            RunnerFacts facts,
            CompatibleJobs gitlab,
            GitLabCounts counts,
            BudgetDemand budget,
            Clock clock) {
        this.enabled = config.countsByGraphQl();
        this.pools = pools;
        this.facts = facts;
        this.gitlab = gitlab;
        this.counts = counts;
        this.budget = budget;
        this.clock = clock;
    }

    /** Every {@code adapter.poll-interval}; a round still running when the next is due is not doubled. */
    @Scheduled(
            identity = "gitlab-count",
            every = "${adapter.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        refreshAll();
    }

    /** Asks GitLab once for every pool of runners read so far; nothing when off, or within a refusal's wait. */
    public void refreshAll() {
        Instant until = counts.refusedUntil();
        if (!enabled || until != null && clock.instant().isBefore(until)) {
            return;
        }
        Map<Long, CompatibleJobs.Listing> asked = new HashMap<>();
        try {
            for (PoolDefinition pool : pools.all()) {
                if (pool.modelsRunners()) {
                    facts.of(pool.name()).ifPresent(read -> count(pool, read, asked));
                }
            }
        } catch (GitLabCountRefused e) {
            String before = counts.refusal();
            Instant next = clock.instant().plus(RETRY_AFTER_REFUSAL);
            counts.refuse(e.getMessage(), next);
            failing.clear();
            if (!e.getMessage().equals(before)) {
                LOG.warnf(
                        "Pools of runners: GitLab does not count their pending jobs (gitlab.instance-count=graphql):"
                                + " %s. They count by modelling GitLab's matcher from the REST reads of runners,"
                                + " projects and refs, as with gitlab.instance-count=off; GitLab is asked again every"
                                + " %d minutes",
                        e.getMessage(), RETRY_AFTER_REFUSAL.toMinutes());
            }
            return;
        }
        if (counts.refusal() != null) {
            counts.accepted();
            LOG.info("Pools of runners: GitLab counts their pending jobs again (gitlab.instance-count=graphql)");
        }
    }

    private void count(PoolDefinition pool, PoolRunnersRead read, Map<Long, CompatibleJobs.Listing> asked) {
        List<Long> runners = RunnerMatchers.oneRunnerEach(read.taking().runners());
        List<List<GitLabCount.Job>> listings = new ArrayList<>();
        int requests = 0;
        boolean capped = false;
        try {
            for (long runner : runners) {
                CompatibleJobs.Listing listing = asked.get(runner);
                if (listing == null) {
                    listing = gitlab.pending(runner);
                    asked.put(runner, listing);
                    budget.readsBesidePolls(clock.instant(), listing.pages()); // GraphQL pages, of the same budget
                }
                requests += listing.pages();
                listings.add(listing.jobs());
                capped |= listing.capped();
            }
        } catch (GitLabException e) {
            counts.of(pool.name()).ifPresent(before -> counts.put(pool.name(), before.failed(e.getMessage())));
            note(pool.name(), e.getMessage());
            return;
        }
        counts.put(pool.name(), GitLabCount.union(listings, runners, requests, capped, clock.instant()));
        note(pool.name(), null);
    }

    /** Logs a pool's failing count once when it starts (or its reason changes) and once when it ends. */
    private void note(String pool, String problem) {
        String before = problem == null ? failing.remove(pool) : failing.put(pool, problem);
        if (problem != null && !problem.equals(before)) {
            LOG.warnf(
                    "Pool %s: GitLab's count of its pending jobs cannot be read now: %s; its last count is served"
                            + " stale until adapter.max-staleness (before a first count, the pool counts by the model)",
                    pool, problem);
        } else if (problem == null && before != null) {
            LOG.infof("Pool %s: GitLab's count of its pending jobs is read again", pool);
        }
    }

    /** Forgets the failures logged, as at start. */
    @Override
    public void reset() {
        failing.clear();
    }
}
