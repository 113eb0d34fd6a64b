package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.domain.PoolRunnersRead;
import io.github.gitlabqueueadapter.domain.ProjectFacts;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import io.github.gitlabqueueadapter.domain.RunnerReading;
import io.github.gitlabqueueadapter.domain.RunnerSettings;
import io.github.gitlabqueueadapter.domain.announcements.ProjectLeft;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The runners a project's URL asks about ({@code ?runner=17}) and the facts of the projects asked with them
 * ({@code ?protected=true} too), read from GitLab in the background and kept: a reader never waits on GitLab, and
 * before the first read gets a 503 that says so. At most {@link #MAX_RUNNERS} runners are kept (the least recently
 * asked go first) and only watched projects' facts; each is read again once older than {@code adapter.runner-refresh}.
 */
@ApplicationScoped
public class RunnerLookups implements ResetForTests {

    /** Most runners kept for URL reads. */
    static final int MAX_RUNNERS = 100;

    private final RunnerReads reads;
    private final RefProtection protection;
    private final QueueCatalog catalog;
    private final Clock clock;
    private final Duration refresh;
    private final Map<Long, Kept<RunnerReading>> runners =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Kept<RunnerReading>> eldest) {
                    return size() > MAX_RUNNERS;
                }
            });
    private final Map<ProjectRef, Kept<ProjectFacts>> projects = new ConcurrentHashMap<>();
    private final Set<Object> due = ConcurrentHashMap.newKeySet();
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gitlab-runner-lookups");
        thread.setDaemon(true);
        return thread;
    });

    /** A value as last read, and when it was last tried (a failing read is not tried again at every request). */
    private record Kept<T>(T value, Instant triedAt) {}

    RunnerLookups(
            RunnerReads reads, RefProtection protection, QueueCatalog catalog, Clock clock, AdapterConfig config) {
        this.reads = reads;
        this.protection = protection;
        this.catalog = catalog;
        this.clock = clock;
        this.refresh = config.runnerRefresh();
    }

    /** What is known of the runner and the watched project, or empty until both were read once (a read is started). */
    public Optional<PoolRunnersRead> runner(long id, ProjectRef project) {
        Kept<RunnerReading> runner = runners.get(id);
        if (runner == null || old(runner.triedAt())) {
            later(
                    id,
                    () -> runners.put(
                            id, new Kept<>(reads.runner(id, runner == null ? null : runner.value()), clock.instant())));
        }
        RunnerSettings taking = runner == null ? null : runner.value().taking();
        Optional<ProjectFacts> facts = project(project, taking != null && taking.refProtected());
        if (runner == null || facts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new PoolRunnersRead(List.of(runner.value()), Map.of(project, facts.get()), runner.triedAt(), null));
    }

    /**
     * The watched project's facts, or empty until read once (a read is started); with {@code protectedRefs}, the
     * protection of its pending jobs' refs too, a ref not known yet read soon.
     */
    public Optional<ProjectFacts> project(ProjectRef project, boolean protectedRefs) {
        Kept<ProjectFacts> kept = projects.get(project);
        ProjectState state = catalog.state(project);
        boolean unknownRefs = protectedRefs && kept != null && hasUnknownRefs(state, kept.value());
        if (kept == null || old(kept.triedAt()) || unknownRefs) {
            later(project, () -> {
                ProjectFacts known = kept == null ? null : kept.value();
                boolean all = kept == null || old(kept.triedAt());
                ProjectFacts read = new ProjectFacts(
                        all ? reads.settings(project, known) : known.settings(),
                        protectedRefs
                                ? protection.read(state, known, !all)
                                : known == null ? Map.of() : known.protectedRefs());
                projects.put(project, new Kept<>(read, all ? clock.instant() : kept.triedAt()));
            });
        }
        return Optional.ofNullable(kept).map(Kept::value);
    }

    private static boolean hasUnknownRefs(ProjectState state, ProjectFacts facts) {
        return state.lastGood() != null
                && state.lastGood().jobs().stream()
                        .filter(JobState::isPending)
                        .map(JobState::ref)
                        .anyMatch(ref -> ref != null && !facts.protectedRefs().containsKey(ref));
    }

    private boolean old(Instant triedAt) {
        return !triedAt.plus(refresh).isAfter(clock.instant());
    }

    /** One background read per subject at a time. */
    private void later(Object subject, Runnable read) {
        if (!due.add(subject)) {
            return;
        }
        try {
            background.execute(() -> {
                try {
                    read.run();
                } finally {
                    due.remove(subject);
                }
            });
        } catch (RejectedExecutionException stopping) {
            due.remove(subject);
        }
    }

    /** A project no longer watched is forgotten, so the map stays bounded by the watched projects. */
    void forget(@Observes ProjectLeft left) {
        projects.remove(left.project());
    }

    /** Forgets every runner and project read, as at start. */
    @Override
    public void reset() {
        runners.clear();
        projects.clear();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        background.shutdownNow();
    }
}
