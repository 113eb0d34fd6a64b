package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.domain.JobRef;
import io.github.gitlabqueueadapter.domain.PoolDefinition;
import io.github.gitlabqueueadapter.domain.PoolRunnersRead;
import io.github.gitlabqueueadapter.domain.ProjectFacts;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectSettings;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.RunnerReading;
import io.github.gitlabqueueadapter.gitlab.GitLabClient;
import io.github.gitlabqueueadapter.gitlab.GitLabException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Reads the runners of every pool that names runners (and no tags) from GitLab, every adapter.runner-refresh: each
 * runner (GET /runners/:id), the settings of the pool's projects (GET /projects/:id) and, when a runner takes only
 * protected refs, whether the refs of their pending jobs are protected ({@link RefProtection}). Every read waits for
 * the shared request budget and has the timeout and retries of every GitLab request. A runner or project that cannot
 * be read is logged once when that starts and once when it ends.
 */
@ApplicationScoped
public class RunnerRefresh {

    private static final Logger LOG = Logger.getLogger(RunnerRefresh.class);
    private final GitLabClient gitlab;
    private final Pools pools;
    private final QueueCatalog catalog;
    private final RunnerFacts facts;
    private final Clock clock;
    private final RefProtection protection;
    private final Map<Object, String> problems = new ConcurrentHashMap<>();

    RunnerRefresh(
            GitLabClient gitlab,
            Pools pools,
            QueueCatalog catalog,
            RunnerFacts facts,
            Clock clock,
            RefProtection protection) {
        this.gitlab = gitlab;
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
            refreshEachPool();
        }
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
                            .map(id -> runners.computeIfAbsent(id, r -> readRunner(r, before)))
                            .toList();
            PoolRunnersRead withRunners = new PoolRunnersRead(read, Map.of(), clock.instant());
            boolean protectedOnly = withRunners.protectedOnly();
            Map<ProjectRef, ProjectFacts> projects = new HashMap<>();
            for (ProjectState state : catalog.members(QueueKey.of(pool)).states()) {
                ProjectRef project = state.project();
                ProjectFacts known = before == null ? null : before.projects().get(project);
                ProjectSettings projectSettings = settings.computeIfAbsent(project, p -> readSettings(p, known));
                Map<JobRef, Boolean> refs = protectedOnly ? protection.read(state, known, false) : Map.of();
                projects.put(project, new ProjectFacts(projectSettings, refs));
            }
            facts.put(pool.name(), new PoolRunnersRead(read, projects, clock.instant()));
        }
    }

    private RunnerReading readRunner(long id, PoolRunnersRead before) {
        RunnerReading reading;
        try {
            reading = RunnerReading.read(gitlab.runner(id), clock.instant());
        } catch (GitLabException e) {
            reading = failed(id, e, before);
        }
        note("runner " + id, reading.problem());
        return reading;
    }

    private RunnerReading failed(long id, GitLabException e, PoolRunnersRead before) {
        return switch (e.kind()) {
            case NOT_FOUND ->
                new RunnerReading(
                        id,
                        RunnerReading.State.UNKNOWN,
                        null,
                        "GitLab answered 404: no such runner, or the token cannot see it",
                        clock.instant());
            case FORBIDDEN, UNAUTHORIZED ->
                new RunnerReading(
                        id,
                        RunnerReading.State.UNREADABLE,
                        null,
                        "GitLab answered " + e.status() + ": reading a runner needs a token with the read_api scope"
                                + " of an administrator, or of an Owner or Maintainer of the runner's project or"
                                + " group",
                        clock.instant());
            default -> {
                RunnerReading last = before == null
                        ? null
                        : before.runners().stream()
                                .filter(r -> r.id() == id)
                                .findFirst()
                                .orElse(null);
                yield new RunnerReading(
                        id,
                        RunnerReading.State.FAILED,
                        last == null ? null : last.settings(),
                        e.getMessage() + (last != null && last.settings() != null ? "; counting as read before" : ""),
                        last == null ? null : last.readAt());
            }
        };
    }

    private ProjectSettings readSettings(ProjectRef project, ProjectFacts known) {
        try {
            ProjectSettings read = gitlab.projectSettings(project);
            note("project " + project.name(), null);
            return read;
        } catch (GitLabException e) {
            note("project " + project.name(), "its runner settings cannot be read: " + e.getMessage());
            return known != null ? known.settings() : ProjectSettings.unknown(project);
        }
    }

    /** Logs a subject's problem once when it starts or changes, and once when it ends. */
    private void note(String subject, String problem) {
        String before = problem == null ? problems.remove(subject) : problems.put(subject, problem);
        if (problem != null && !problem.equals(before)) {
            LOG.warnf("Pools: %s: %s", subject, problem);
        } else if (problem == null && before != null) {
            LOG.infof("Pools: %s is read from GitLab again", subject);
        }
    }

    /** Forgets what was logged, as at start. */
    public void reset() {
        problems.clear();
    }
}
