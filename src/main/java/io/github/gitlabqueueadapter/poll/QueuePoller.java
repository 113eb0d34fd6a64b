package io.github.gitlabqueueadapter.poll;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.JobEventApplied;
import io.github.gitlabqueueadapter.domain.JobEventDoubted;
import io.github.gitlabqueueadapter.domain.MemberNotFound;
import io.github.gitlabqueueadapter.domain.PollCadence;
import io.github.gitlabqueueadapter.domain.PollFailure;
import io.github.gitlabqueueadapter.domain.PollsStored;
import io.github.gitlabqueueadapter.domain.ProjectLeft;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectSnapshot;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.ProjectsJoined;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.domain.QueueRead;
import io.github.gitlabqueueadapter.domain.StateShared;
import io.github.gitlabqueueadapter.gitlab.GitLabClient;
import io.github.gitlabqueueadapter.gitlab.GitLabException;
import io.github.gitlabqueueadapter.gitlab.JobsFetch;
import io.github.gitlabqueueadapter.store.PollLeases;
import io.github.gitlabqueueadapter.store.SnapshotStore;
import io.github.gitlabqueueadapter.store.SnapshotWriter;
import io.github.gitlabqueueadapter.watch.QueueCatalog;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Polls each watched project on its own cadence ({@link PollSchedule}, {@link PollCadence}): every
 * {@code adapter.poll-interval}, or every {@code adapter.reconcile-interval} while its job events arrive; a few
 * projects at a time, and stores each result as a new snapshot. A slow or hanging project delays only itself. Readers
 * never wait on this: they read the store.
 */
@ApplicationScoped
public class QueuePoller {

    private static final Logger LOG = Logger.getLogger(QueuePoller.class);
    /** How often {@link #tick} runs: a poll due before the next tick is booked, then started on time. */
    private static final long TICK_NANOS = 1_000_000_000L;

    /** Poll intervals in a row with no late poll before lateness counts as over (and its end is logged once). */
    private static final int INTERVALS_TO_END_LATENESS = 3;
    /** How long a read for tags waits for more events of the same project. */
    static final Duration EVENT_READ_DELAY = Duration.ofMillis(250);
    /**
     * Least time between two reads for tags of one project: while new pending jobs keep arriving, at most two reads a
     * second, each counting every job that arrived since; a job waits at most this long plus one read for its tags.
     */
    static final Duration TAG_READ_GAP = Duration.ofMillis(500);

    /** How long shutdown waits for polls to return once interrupted, so none outlives the application. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private static final String BREAKER_NOTE = "; this project's circuit breaker is open, so GitLab was not asked";

    private final GitLabClient gitlab;
    private final SnapshotStore store;
    private final PollLeases leases;
    private final WatchedProjects watched;
    private final QueueCatalog catalog;
    private final Clock clock;
    private final SnapshotWriter writer;
    private final Event<PollsStored> pollsStored;
    private final Event<MemberNotFound> memberNotFound;
    private final ExecutorService workers;
    private final PollCadence cadence;
    private final PollSchedule schedule = new PollSchedule();
    private final AtomicBoolean storedSinceTick = new AtomicBoolean();
    private final Set<ProjectRef> readsDue = ConcurrentHashMap.newKeySet();
    private final OutOfRangeJobs outOfRange = new OutOfRangeJobs();
    /** When each project's last read for tags started (nanoTime); a project that leaves is forgotten. */
    private final Map<ProjectRef, Long> lastTagRead = new ConcurrentHashMap<>();
    /** Projects whose endpoint was read with {@code ?tags=}: their pending jobs' tags are read like a pool's. */
    private final Set<ProjectRef> readByTags = ConcurrentHashMap.newKeySet();
    /** Projects last seen fed by events, to log each switch of cadence once. */
    private final Set<ProjectRef> fedByEvents = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gitlab-poll-timer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;
    /** Lateness: when the last poll started more than an interval after it was due (nanoTime), and by how much. */
    private final AtomicBoolean late = new AtomicBoolean();

    private volatile long lastLateAt;
    private volatile long lastLateness;
    private volatile Duration pausedBeforeLate = Duration.ZERO;

    QueuePoller(
            GitLabClient gitlab,
            SnapshotStore store,
            PollLeases leases,
            WatchedProjects watched,
            QueueCatalog catalog,
            Clock clock,
            AdapterConfig config,
            PollCadence cadence,
            SnapshotWriter writer,
            Event<PollsStored> pollsStored,
            Event<MemberNotFound> memberNotFound) {
        this.gitlab = gitlab;
        this.store = store;
        this.leases = leases;
        this.watched = watched;
        this.catalog = catalog;
        this.clock = clock;
        this.cadence = cadence;
        this.writer = writer;
        this.pollsStored = pollsStored;
        this.memberNotFound = memberNotFound;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.pollConcurrency()), runnable -> {
            Thread thread = new Thread(runnable, "gitlab-poll-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Books every project due before the next tick and starts each on the dot; announces the polls stored since the
     * last tick once ({@link PollsStored}). A project whose last poll took longer than its interval is due as soon as
     * it ends: its interval stretches, requests never burst to catch up.
     */
    @Scheduled(identity = "gitlab-poll", every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (stopping) {
            return;
        }
        try {
            if (storedSinceTick.getAndSet(false)) {
                pollsStored.fire(new PollsStored());
            }
            long now = System.nanoTime();
            endLatenessWhenOver(now);
            for (PollSchedule.Booking booking : schedule.book(watched.all(), now, TICK_NANOS, this::interval)) {
                timer.schedule(
                        () -> workers.execute(() -> scheduled(booking)), booking.waitNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                throw e;
            } // a tick that was running when shutdown began: the beans it uses may be gone already
        }
    }

    /** The project's interval now: the reconcile interval while its events arrive. */
    private Duration interval(ProjectRef project) {
        ProjectState state = store.find(project).orElse(ProjectState.unpolled(project));
        logCadenceChange(project, state.events().flowing());
        return cadence.interval(state);
    }

    /** Once per switch: a project's job events started to arrive, or a poll found that they missed a change. */
    private void logCadenceChange(ProjectRef project, boolean flowing) {
        if (flowing && fedByEvents.add(project)) {
            LOG.infof(
                    "Project %s: job events arrive; polling every %s (adapter.reconcile-interval) to reconcile",
                    project, seconds(cadence.reconcileInterval()));
        } else if (!flowing && fedByEvents.remove(project)) {
            LOG.infof(
                    "Project %s: a poll found a change no job event announced; polling every %s"
                            + " (adapter.poll-interval) until events arrive again",
                    project, seconds(cadence.pollInterval()));
        }
    }

    private void scheduled(PollSchedule.Booking booking) {
        if (!schedule.start(booking.project())) {
            return; // a read for tags took this poll's place
        }
        long start = System.nanoTime();
        long startedAt = start;
        try {
            long lateness = start - booking.dueAt();
            Duration interval = interval(booking.project());
            if (!booking.first()) { // the first polls queue up behind each other at start: that is not falling behind
                noteLateness(lateness, interval, start);
            }
            // a poll on time keeps the cadence to the nanosecond; a late one starts the next interval from now
            startedAt = lateness <= interval.toNanos() / 10 ? booking.dueAt() : start;
        } finally {
            run(booking.project(), true, startedAt, true); // whatever happened above, it is polled and released
        }
    }

    /**
     * Polls, then frees the project for its next poll; one asked for meanwhile runs right after.
     *
     * @param leased a turn of the project's cadence: polled only by the replica that holds the project
     */
    private void run(ProjectRef project, boolean batched, long startedAt, boolean leased) {
        try {
            if (!leased || leases.mayPoll(project, turn(project))) {
                poll(project, batched);
            }
        } finally {
            if (batched) {
                storedSinceTick.set(true);
            }
            if (schedule.release(project, startedAt) && !stopping) {
                execute(() -> run(project, false, System.nanoTime(), false));
            }
        }
    }

    /**
     * How the project's last poll, by any replica, stands: two intervals past means its holder is stuck or gone, and
     * another replica takes it out of turn.
     */
    private PollLeases.Turn turn(ProjectRef project) {
        ProjectState state = store.find(project).orElse(null);
        if (state == null || state.lastAttemptAt() == null) {
            return PollLeases.Turn.NEVER_POLLED;
        }
        Duration since = Duration.between(state.lastAttemptAt(), clock.instant());
        return since.compareTo(cadence.interval(state).multipliedBy(2)) > 0
                ? PollLeases.Turn.OVERDUE
                : PollLeases.Turn.ON_TIME;
    }

    /**
     * Polls the project now, beside its cadence; if a poll of it runs, another follows right after it.
     *
     * @param leased only by the replica that holds the project (a project that joined); a read for tags is not
     */
    private void pollNow(ProjectRef project, boolean leased) {
        if (schedule.claim(project)) {
            execute(() -> run(project, false, System.nanoTime(), leased));
        }
    }

    private void execute(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** A poll that starts more than its interval after it was due: the request budget or the workers hold it. */
    private void noteLateness(long lateness, Duration interval, long now) {
        if (lateness <= interval.toNanos()) {
            if (!late.get()) {
                pausedBeforeLate = gitlab.rateLimitPaused();
            }
            return;
        }
        lastLateAt = now;
        lastLateness = lateness;
        if (late.compareAndSet(false, true)) {
            warnLate(lateness, gitlab.rateLimitPaused().compareTo(pausedBeforeLate) > 0);
        }
    }

    private void endLatenessWhenOver(long now) {
        if (late.get()
                && now - lastLateAt > cadence.pollInterval().toNanos() * INTERVALS_TO_END_LATENESS
                && late.compareAndSet(true, false)) {
            LOG.infof("Polls start on time again (adapter.poll-interval %s)", seconds(cadence.pollInterval()));
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    /** Once when polls start to run late; one poll on time between late ones ends nothing. */
    private void warnLate(long lateness, boolean rateLimited) {
        long late = TimeUnit.NANOSECONDS.toSeconds(lateness);
        if (rateLimited) {
            LOG.warnf(
                    "Polls start %d s after they are due (adapter.poll-interval %s), because GitLab answered 429"
                            + " and asked to wait: see gitlab_ratelimit_paused_seconds_total. Another client of the"
                            + " same user may be spending its limit.",
                    late, seconds(cadence.pollInterval()));
        } else {
            LOG.warnf(
                    "Polls start %d s after they are due (adapter.poll-interval %s): projects are polled about every"
                            + " %d s. Raise gitlab.requests-per-minute or adapter.poll-concurrency, or watch fewer"
                            + " projects.",
                    late,
                    seconds(cadence.pollInterval()),
                    cadence.pollInterval().toSeconds() + late);
        }
    }

    /** The time between two polls of a project not fed by events now: the interval, or longer while polls run late. */
    public Duration effectiveInterval() {
        return late.get() ? cadence.pollInterval().plusNanos(lastLateness) : cadence.pollInterval();
    }

    /** Polls every watched project now, {@code adapter.poll-concurrency} at a time; returns when all are done. */
    public void pollAll() {
        List<Callable<Void>> tasks = watched.all().stream()
                .<Callable<Void>>map(project -> () -> {
                    poll(project, true);
                    return null;
                })
                .toList();
        try {
            workers.invokeAll(tasks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pollsStored.fire(new PollsStored());
    }

    /**
     * A job event added a pending job without its tags (GitLab's Job Hook carries none), and a pool that filters by
     * tags counts the project (or its endpoint was read with {@code ?tags=}): the project is read from GitLab soon, so
     * that those count it too. Reads wait {@link #EVENT_READ_DELAY} for more events of the same project: a pipeline
     * that queues fifty jobs at once costs a read or two, not fifty. Without such a pool no read is needed.
     */
    void readTagsSoon(@Observes JobEventApplied applied) {
        ProjectRef project = applied.project();
        boolean tagless = applied.state().lastGood() != null
                && applied.state().lastGood().jobs().stream().anyMatch(j -> j.isPending() && !j.tagsKnown());
        if (!tagless
                || stopping
                || !(catalog.countedByTags(project) || readByTags.contains(project))
                || !readsDue.add(project)) {
            return;
        }
        long now = System.nanoTime();
        Long last = lastTagRead.get(project);
        long wait = Math.max(EVENT_READ_DELAY.toNanos(), last == null ? 0 : last + TAG_READ_GAP.toNanos() - now);
        readSoon(project, wait, () -> lastTagRead.put(project, System.nanoTime()));
    }

    /**
     * A job event could not be judged from memory (its job may have finished long ago) and was not counted: the
     * project is read from GitLab soon, coalesced with other reads due, so that the job counts if it really waits.
     */
    void readWhenDoubted(@Observes JobEventDoubted doubted) {
        if (!stopping && readsDue.add(doubted.project())) {
            readSoon(doubted.project(), EVENT_READ_DELAY.toNanos(), () -> {});
        }
    }

    /** Reads a project in {@code nanos}, once: further events until then ask for no other read. */
    private void readSoon(ProjectRef project, long nanos, Runnable before) {
        try {
            timer.schedule(
                    () -> {
                        readsDue.remove(project); // an event from now on asks for another read
                        before.run();
                        pollNow(project, false);
                    },
                    nanos,
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            readsDue.remove(project);
        }
    }

    /** A read with {@code ?tags=} of a project's endpoint: from now on its tagless pending jobs are read for tags. */
    void readWithTags(@Observes QueueRead read) {
        if (read.byTags() && read.queue().kind() == QueueKind.PROJECT) {
            watched.find(ProjectRef.parse(read.queue().name())).ifPresent(readByTags::add);
        }
    }

    /**
     * Another replica stored a state: the next tick announces {@link PollsStored}, so that pools and groups are sampled
     * on a replica that polls none of their projects too.
     */
    void sharedStored(@Observes StateShared shared) {
        storedSinceTick.set(true);
    }

    /** A project that left needs no tags read and no log of its cadence. */
    void forget(@Observes ProjectLeft left) {
        readByTags.remove(left.project());
        fedByEvents.remove(left.project());
        lastTagRead.remove(left.project());
        outOfRange.forget(left.project());
    }

    /** Polls these projects now, beside their cadence: projects that just joined through a group need not wait. */
    void pollSoon(@Observes ProjectsJoined joined) {
        joined.projects().forEach(project -> pollNow(project, true));
    }

    /** Polls one project and records the outcome: a new snapshot, or the failure beside the last good snapshot. */
    public void poll(ProjectRef project) {
        poll(project, false);
    }

    /** @param batched a scheduled poll: its pools and groups are sampled once for all at the next tick */
    private void poll(ProjectRef project, boolean batched) {
        if (!watched.isWatched(project)) {
            return; // it left while this poll was booked: asking GitLab would only bring its guard back
        }
        ProjectState before = store.find(project).orElse(ProjectState.unpolled(project));
        try {
            Instant started = clock.instant();
            JobsFetch fetch = gitlab.pendingAndRunningJobs(project);
            ProjectSnapshot snapshot =
                    new ProjectSnapshot(project, fetch.jobs(), clock.instant(), fetch.capped(), fetch.pages(), started);
            if (fetch.projectId() != null && watched.learn(project, fetch.projectId())) {
                writer.retain(watched::isWatched); // another name of this project: one state, one poll from now on
            }
            if (!watched.isWatched(project)) {
                return; // it left its group, or proved another name's alias, while this poll ran
            }
            writer.pollSucceeded(snapshot, batched);
            if (before.lastFailure() != null) {
                LOG.infof("Project %s: GitLab answers again (%d pages read)", project, fetch.pages());
            }
            outOfRange.read(project, fetch);
            if (fetch.capped()) {
                LOG.debugf(
                        "Project %s: stopped at adapter.max-pages (%d pages); the count is capped",
                        project, fetch.pages());
            }
        } catch (GitLabException e) {
            if (stopping) {
                return; // interrupted by shutdown: not something GitLab did
            }
            record(project, before, failure(before.lastFailure(), e, clock.instant()), batched);
            if (e.kind() == GitLabException.Kind.NOT_FOUND && !watched.isNamed(project)) {
                memberNotFound.fire(new MemberNotFound(project)); // it leaves only when its group's listing says so
            }
        } catch (RuntimeException e) {
            if (stopping) {
                return;
            }
            LOG.errorf(
                    e,
                    "Project %s: unexpected error while polling; serving the last good snapshot while it is fresh"
                            + " enough",
                    project);
            record(
                    project,
                    before,
                    new PollFailure(
                            "internal_error",
                            "unexpected error while polling (" + e.getClass().getSimpleName()
                                    + "); see the adapter's log",
                            clock.instant()),
                    batched);
        }
    }

    private void record(ProjectRef project, ProjectState before, PollFailure failure, boolean batched) {
        if (!watched.isWatched(project)) {
            return;
        }
        writer.pollFailed(project, failure, batched);
        logFailure(project, before, failure);
    }

    /**
     * The failure to record. An open breaker is a consequence, not a cause: it keeps the reason that opened it
     * (a 401 stays a 401 for the person reading {@code /queues}), with a note that GitLab was not asked.
     */
    static PollFailure failure(PollFailure previous, GitLabException e, Instant now) {
        if (e.kind() == GitLabException.Kind.CIRCUIT_OPEN && previous != null) {
            String message =
                    previous.message().endsWith(BREAKER_NOTE) ? previous.message() : previous.message() + BREAKER_NOTE;
            return new PollFailure(previous.reason(), message, now);
        }
        return new PollFailure(e.kind().code(), e.getMessage(), now);
    }

    /** Logs a failure once per change of reason, so a revoked token does not fill the log every interval. */
    private static void logFailure(ProjectRef project, ProjectState before, PollFailure failure) {
        String previous =
                before.lastFailure() == null ? null : before.lastFailure().reason();
        if (failure.reason().equals(previous)) {
            LOG.debugf("Project %s: poll failed again: %s", project, failure.message());
            return;
        }
        String keeping = before.lastGood() == null
                ? "no number to serve yet"
                : "serving the last good snapshot while it is fresh enough";
        LOG.warnf("Project %s: poll failed: %s; %s", project, failure.message(), keeping);
    }

    /**
     * Books the first polls as soon as the application is up instead of at the scheduler's first tick (up to a second
     * later), so readiness and the first numbers come sooner. Runs beside start-up, which never waits on GitLab; a
     * scheduled tick meanwhile finds those polls booked.
     */
    void onStart(
            @Observes StartupEvent event,
            @ConfigProperty(name = "quarkus.scheduler.enabled", defaultValue = "true") boolean schedulerEnabled) {
        if (schedulerEnabled) {
            Thread first = new Thread(this::tick, "gitlab-poll-first");
            first.setDaemon(true);
            first.start();
        }
    }

    /**
     * Stops the polls as soon as shutdown begins: a worker waiting on the request budget or on GitLab is interrupted
     * at once, instead of holding the pod's termination for the executor's timeout, and shutdown waits until they
     * returned, so that none of them writes or logs after the application stopped. What they were doing is not a
     * failure of GitLab: it is neither recorded nor logged. Before the other observers of shutdown (priority 1000, the
     * default is 2500): the store and the leases close after the last poll.
     */
    void onShutdown(@Observes @jakarta.annotation.Priority(1000) ShutdownEvent event) {
        stopping = true;
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf(
                        "Polls still running %d s after shutdown began; stopping without them", STOP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
