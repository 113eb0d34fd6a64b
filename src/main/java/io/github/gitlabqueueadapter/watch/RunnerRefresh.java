package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.domain.JobRef;
import io.github.gitlabqueueadapter.domain.PoolDefinition;
import io.github.gitlabqueueadapter.domain.PoolRunnersRead;
import io.github.gitlabqueueadapter.domain.ProjectFacts;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectSettings;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.domain.RunnerReading;
import io.github.gitlabqueueadapter.domain.announcements.ProjectsJoined;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the runners of every pool that names runners (and no tags) from GitLab, every adapter.runner-refresh: each
 * runner (GET /runners/:id), the settings of the pool's projects (GET /projects/:id) and, when a runner takes only
 * protected refs, whether the refs of their pending jobs are protected ({@link RefProtection}). Every read waits for
 * the shared request budget and has the timeout and retries of every GitLab request ({@link RunnerReads}). A pool
 * that names no projects or groups is its runners' own scope ({@link RunnerScopes}).
 */
@ApplicationScoped
public class RunnerRefresh {

    private final Pools pools;
    private final QueueCatalog catalog;
    private final RunnerFacts facts;
    private final Clock clock;
    private final RefProtection protection;
    private final RunnerReads reads;
    private final RunnerScopes scopes;
    private final AtomicBoolean due = new AtomicBoolean();
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gitlab-runner-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean refreshing;

    RunnerRefresh(
            RunnerReads reads,
            Pools pools,
            QueueCatalog catalog,
            RunnerFacts facts,
            Clock clock,
            RefProtection protection,
            RunnerScopes scopes) {
        this.reads = reads;
        this.scopes = scopes;
        this.protection = protection;
        this.pools = pools;
        this.catalog = catalog;
        this.facts = facts;
        this.clock = clock;
    }

    /** Every {@code adapter.runner-refresh}; a round still running when the next is due is not doubled. */
    @Scheduled(
            identity = "runner-refresh",
            every = "${adapter.runner-refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        refreshAll();
    }

    /** Reads every runner pool's runners and projects once: a runner named by two pools is read once. */
    public void refreshAll() {
        synchronized (facts) {
            refreshing = true;
            try {
                refreshEachPool();
            } finally {
                refreshing = false;
            }
        }
    }

    /**
     * Projects joined a runner pool (a group listed, a runner's scope grown) after its last read: their settings are
     * read at once, in the background, rather than at the next refresh (until then they count as GitLab's defaults).
     */
    void joined(@Observes ProjectsJoined joined) {
        if (refreshing || !joined.projects().stream().anyMatch(this::unreadInARunnerPool)) {
            return; // a round running now reads them
        }
        if (due.compareAndSet(false, true)) {
            try {
                background.execute(() -> {
                    due.set(false);
                    refreshAll();
                });
            } catch (RejectedExecutionException stopping) {
                due.set(false);
            }
        }
    }

    private boolean unreadInARunnerPool(ProjectRef project) {
        return catalog.countedBy(project).stream()
                .filter(key -> key.kind() == QueueKind.POOL)
                .flatMap(key -> pools.find(key.name()).stream())
                .filter(PoolDefinition::modelsRunners)
                .anyMatch(pool -> facts.of(pool.name())
                        .map(read -> !read.projects().containsKey(project))
                        .orElse(false));
    }

    void onShutdown(@Observes ShutdownEvent event) {
        background.shutdownNow();
    }

    private void refreshEachPool() {
        Map<Long, RunnerReading> runners = new HashMap<>();
        Map<ProjectRef, ProjectSettings> settings = new HashMap<>();
        for (PoolDefinition pool : pools.all()) {
            if (!pool.modelsRunners()) {
                continue;
            }
            PoolRunnersRead before = facts.of(pool.name()).orElse(null);
            List<RunnerReading> read = new TreeSet<>(pool.filter().runners())
                    .stream()
                            .map(id -> runners.computeIfAbsent(
                                    id, r -> reads.runner(r, before == null ? null : before.runner(r))))
                            .toList();
            PoolRunnersRead withRunners =
                    new PoolRunnersRead(read, before == null ? Map.of() : before.projects(), clock.instant(), null);
            String scopeProblem = scopes.watch(pool, withRunners);
            facts.put(pool.name(), withRunners.withScopeProblem(scopeProblem)); // its members are its runners' now
            boolean protectedOnly = withRunners.protectedOnly();
            Map<ProjectRef, ProjectFacts> projects = new HashMap<>();
            for (ProjectState state : catalog.members(QueueKey.of(pool)).states()) {
                ProjectRef project = state.project();
                ProjectFacts known = before == null ? null : before.projects().get(project);
                ProjectSettings projectSettings = settings.computeIfAbsent(project, p -> reads.settings(p, known));
                Map<JobRef, Boolean> refs = protectedOnly ? protection.read(state, known, false) : Map.of();
                projects.put(project, new ProjectFacts(projectSettings, refs));
            }
            facts.put(pool.name(), new PoolRunnersRead(read, projects, clock.instant(), scopeProblem));
        }
    }
}
