package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.domain.JobRef;
import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.domain.PoolDefinition;
import io.github.gitlabqueueadapter.domain.PoolRunnersRead;
import io.github.gitlabqueueadapter.domain.ProjectFacts;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.announcements.ProjectPolled;
import io.github.gitlabqueueadapter.gitlab.GitLabClient;
import io.github.gitlabqueueadapter.gitlab.GitLabException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Whether the refs of a project's pending jobs are protected, as GitLab says of the branch or tag: read for every
 * pending ref at each {@code adapter.runner-refresh}, and for a ref not seen before as soon as a poll lists a pending
 * job on it (one read per new ref, in the background), so a protected-only runner's pool does not wait a whole refresh
 * for a job on a new branch or tag. At most {@link #MAX_REFS} refs a project.
 */
@ApplicationScoped
public class RefProtection {

    /** Distinct refs of pending jobs whose protection is kept per project. */
    static final int MAX_REFS = 100;

    private final GitLabClient gitlab;
    private final Pools pools;
    private final RunnerFacts facts;
    private final BudgetDemand budget;
    private final Clock clock;
    private final Set<ProjectRef> due = ConcurrentHashMap.newKeySet();
    private final ExecutorService reads = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gitlab-ref-reads");
        thread.setDaemon(true);
        return thread;
    });

    RefProtection(GitLabClient gitlab, Pools pools, RunnerFacts facts, BudgetDemand budget, Clock clock) {
        this.gitlab = gitlab;
        this.pools = pools;
        this.facts = facts;
        this.budget = budget;
        this.clock = clock;
    }

    /**
     * The protection of the refs of the project's pending jobs: each read again, or with {@code onlyNew} only those
     * {@code known} does not hold. A ref that fails keeps what it was; one GitLab no longer has (404) is unknown.
     */
    Map<JobRef, Boolean> read(ProjectState state, ProjectFacts known, boolean onlyNew) {
        Map<JobRef, Boolean> before = known == null ? Map.of() : known.protectedRefs();
        if (state.lastGood() == null) {
            return before;
        }
        Set<JobRef> refs = new LinkedHashSet<>();
        for (JobState job : state.lastGood().jobs()) {
            if (job.isPending() && job.ref() != null && refs.size() < MAX_REFS) {
                refs.add(job.ref());
            }
        }
        Map<JobRef, Boolean> read = new HashMap<>(onlyNew ? before : Map.of());
        for (JobRef ref : refs) {
            if (onlyNew && before.containsKey(ref) || read.size() >= MAX_REFS) {
                continue;
            }
            budget.readBesidePolls(clock.instant()); // a request of the same budget as the polls
            try {
                Boolean isProtected = gitlab.refProtected(state.project(), ref);
                if (isProtected != null) {
                    read.put(ref, isProtected);
                }
            } catch (GitLabException e) {
                if (before.get(ref) != null && e.kind() != GitLabException.Kind.NOT_FOUND) {
                    read.put(ref, before.get(ref));
                }
            }
        }
        return read;
    }

    /** After a poll: a pending job on a ref whose protection a pool needs and does not know is read soon. */
    void polled(@Observes ProjectPolled polled) {
        ProjectState state = polled.state();
        if (state.lastGood() == null || !needsNewRefs(state) || !due.add(polled.project())) {
            return;
        }
        try {
            reads.execute(() -> {
                due.remove(polled.project());
                readNew(state);
            });
        } catch (RejectedExecutionException stopping) {
            due.remove(polled.project());
        }
    }

    private boolean needsNewRefs(ProjectState state) {
        return pools.all().stream()
                .filter(PoolDefinition::modelsRunners)
                .map(pool -> facts.of(pool.name()).orElse(null))
                .filter(Objects::nonNull)
                .filter(PoolRunnersRead::protectedOnly)
                .map(read -> read.projects().get(state.project()))
                .filter(Objects::nonNull)
                .anyMatch(known -> state.lastGood().jobs().stream()
                        .anyMatch(job -> job.isPending()
                                && job.ref() != null
                                && !known.protectedRefs().containsKey(job.ref())));
    }

    private void readNew(ProjectState state) {
        synchronized (facts) {
            pools.all().stream()
                    .filter(PoolDefinition::modelsRunners)
                    .forEach(pool -> facts.of(pool.name())
                            .filter(PoolRunnersRead::protectedOnly)
                            .ifPresent(read -> {
                                ProjectFacts known = read.projects().get(state.project());
                                if (known != null) {
                                    ProjectFacts now = new ProjectFacts(known.settings(), read(state, known, true));
                                    facts.put(pool.name(), read.withProject(state.project(), now));
                                }
                            }));
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        reads.shutdownNow();
    }
}
