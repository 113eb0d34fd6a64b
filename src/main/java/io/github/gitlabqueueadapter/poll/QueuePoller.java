package io.github.gitlabqueueadapter.poll;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.JobEventApplied;
import io.github.gitlabqueueadapter.domain.MemberNotFound;
import io.github.gitlabqueueadapter.domain.PollFailure;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectSnapshot;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.ProjectsJoined;
import io.github.gitlabqueueadapter.domain.RoundEnded;
import io.github.gitlabqueueadapter.gitlab.GitLabClient;
import io.github.gitlabqueueadapter.gitlab.GitLabException;
import io.github.gitlabqueueadapter.gitlab.JobsFetch;
import io.github.gitlabqueueadapter.store.SnapshotStore;
import io.github.gitlabqueueadapter.store.SnapshotWriter;
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
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Asks GitLab once per interval for each watched project's jobs, a few projects at a time, and stores the result as a
 * new snapshot. Readers never wait on this: they read the store.
 */
@ApplicationScoped
public class QueuePoller {

    private static final Logger LOG = Logger.getLogger(QueuePoller.class);
    /** How often {@link #tick} runs: a round due before the next tick is waited for, then started on time. */
    private static final long TICK_NANOS = 1_000_000_000L;

    /** Rounds in a row that fit the interval before a stretch counts as over (and its end is logged once). */
    private static final int ROUNDS_TO_END_STRETCH = 3;
    /** How long a read for tags waits for more events of the same project. */
    static final Duration EVENT_READ_DELAY = Duration.ofMillis(250);

    /** How long shutdown waits for polls to return once interrupted, so none outlives the application. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private static final String BREAKER_NOTE = "; this project's circuit breaker is open, so GitLab was not asked";

    private final GitLabClient gitlab;
    private final SnapshotStore store;
    private final WatchedProjects watched;
    private final Clock clock;
    private final SnapshotWriter writer;
    private final Event<RoundEnded> roundEnded;
    private final Event<MemberNotFound> memberNotFound;
    private final ExecutorService workers;
    private final Duration interval;
    private final RoundSchedule schedule;
    private final AtomicBoolean inRound = new AtomicBoolean();
    private volatile boolean stretched;
    private int fittingRounds;
    private volatile boolean stopping;
    private final Set<ProjectRef> readsDue = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService eventReads = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gitlab-event-reads");
        thread.setDaemon(true);
        return thread;
    });

    QueuePoller(
            GitLabClient gitlab,
            SnapshotStore store,
            WatchedProjects watched,
            Clock clock,
            AdapterConfig config,
            SnapshotWriter writer,
            Event<RoundEnded> roundEnded,
            Event<MemberNotFound> memberNotFound) {
        this.gitlab = gitlab;
        this.memberNotFound = memberNotFound;
        this.writer = writer;
        this.roundEnded = roundEnded;
        this.store = store;
        this.watched = watched;
        this.clock = clock;
        this.interval = config.pollInterval();
        this.schedule = new RoundSchedule(interval, System.nanoTime());
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.pollConcurrency()), runnable -> {
            Thread thread = new Thread(runnable, "gitlab-poll-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts a round when one is due: every {@code adapter.poll-interval}, or right after the last round when that
     * took longer (the request budget paced it). The interval stretches; requests never burst to catch up.
     */
    @Scheduled(identity = "gitlab-poll", every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (stopping) {
            return;
        }
        if (!inRound.compareAndSet(false, true)) {
            return; // the first round, started beside start-up, still runs
        }
        try {
            round();
        } finally {
            inRound.set(false);
        }
    }

    private void round() {
        long wait = schedule.book(System.nanoTime(), TICK_NANOS);
        if (wait < 0) {
            return;
        }
        LockSupport.parkNanos(wait); // start on the dot, not at the next tick: a number is at most one interval old
        long start = System.nanoTime();
        Duration pausedBefore = gitlab.rateLimitPaused();
        pollAll();
        boolean stretched = schedule.finished(start, System.nanoTime());
        if (stretched) {
            fittingRounds = 0;
            if (!this.stretched) {
                this.stretched = true;
                warnStretched(gitlab.rateLimitPaused().compareTo(pausedBefore) > 0);
            }
        } else if (this.stretched && ++fittingRounds >= ROUNDS_TO_END_STRETCH) {
            this.stretched = false;
            LOG.infof("Rounds of polls fit adapter.poll-interval (%s) again", interval);
        }
    }

    /** Once when rounds start to take longer than the interval; one round that fits between long ones ends nothing. */
    private void warnStretched(boolean rateLimited) {
        if (rateLimited) {
            LOG.warnf(
                    "A round of polls took %d s, longer than adapter.poll-interval (%s), because GitLab answered"
                            + " 429 and asked to wait: see gitlab_ratelimit_paused_seconds_total. Another client of"
                            + " the same user may be spending its limit.",
                    schedule.lastRound().toSeconds(), interval);
        } else {
            LOG.warnf(
                    "A round of polls took %d s, longer than adapter.poll-interval (%s): every project is now"
                            + " polled every %d s. Raise gitlab.requests-per-minute, or watch fewer projects.",
                    schedule.lastRound().toSeconds(),
                    interval,
                    schedule.lastRound().toSeconds());
        }
    }

    /** The time between two polls of a project now: the configured interval, or the last round's length if longer. */
    public Duration effectiveInterval() {
        return schedule.effectiveInterval();
    }

    /**
     * Polls every watched project, at most {@code adapter.poll-concurrency} at a time, and returns when all are done.
     */
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
        roundEnded.fire(new RoundEnded()); // pools and groups once a round: after each member, a group of n costs n²
    }

    /**
     * A job event added a pending job without its tags (GitLab's Job Hook carries none): its project is read
     * from GitLab soon, so that the pools filtering by tags count it too. Reads wait {@link #EVENT_READ_DELAY} for
     * more events of the same project: a pipeline that queues fifty jobs at once costs a read or two, not fifty.
     */
    void readTagsSoon(@Observes JobEventApplied applied) {
        ProjectRef project = applied.project();
        boolean tagless = applied.state().lastGood() != null
                && applied.state().lastGood().jobs().stream().anyMatch(j -> j.isPending() && !j.tagsKnown());
        if (!tagless || stopping || !readsDue.add(project)) {
            return;
        }
        eventReads.schedule(
                () -> {
                    readsDue.remove(project); // an event from now on asks for another read
                    workers.execute(() -> poll(project));
                },
                EVENT_READ_DELAY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Polls these projects now, beside the rounds: projects that just joined through a group need not wait. */
    void pollSoon(@Observes ProjectsJoined joined) {
        joined.projects().forEach(project -> workers.execute(() -> poll(project)));
    }

    /** Polls one project and records the outcome: a new snapshot, or the failure beside the last good snapshot. */
    public void poll(ProjectRef project) {
        poll(project, false);
    }

    /** @param inRound part of a round: its pools and groups are sampled once when the round ends */
    private void poll(ProjectRef project, boolean inRound) {
        ProjectState before = store.find(project).orElse(ProjectState.unpolled(project));
        try {
            Instant started = clock.instant();
            JobsFetch fetch = gitlab.pendingAndRunningJobs(project);
            ProjectSnapshot snapshot =
                    new ProjectSnapshot(project, fetch.jobs(), clock.instant(), fetch.capped(), fetch.pages(), started);
            if (watched.find(project).isEmpty()) {
                return; // it left its group while this poll ran: do not bring its state back
            }
            writer.pollSucceeded(snapshot, inRound);
            if (before.lastFailure() != null) {
                LOG.infof("Project %s: GitLab answers again (%d pages read)", project, fetch.pages());
            }
            if (fetch.capped()) {
                LOG.debugf(
                        "Project %s: stopped at adapter.max-pages (%d pages); the count is capped",
                        project, fetch.pages());
            }
        } catch (GitLabException e) {
            if (stopping) {
                return; // interrupted by shutdown: not something GitLab did
            }
            record(project, before, failure(before.lastFailure(), e, clock.instant()), inRound);
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
                    inRound);
        }
    }

    private void record(ProjectRef project, ProjectState before, PollFailure failure, boolean inRound) {
        if (watched.find(project).isEmpty()) {
            return;
        }
        writer.pollFailed(project, failure, inRound);
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
     * Starts the first round as soon as the application is up instead of at the scheduler's first tick (up to a second
     * later), so readiness and the first numbers come sooner. Runs beside start-up, which never waits on GitLab; a
     * scheduled tick meanwhile finds that round booked and does nothing.
     */
    void onStart(
            @Observes StartupEvent event,
            @ConfigProperty(name = "quarkus.scheduler.enabled", defaultValue = "true") boolean schedulerEnabled) {
        if (schedulerEnabled) {
            Thread first = new Thread(this::tick, "gitlab-poll-first-round");
            first.setDaemon(true);
            first.start();
        }
    }

    /**
     * Stops the polls as soon as shutdown begins: a worker waiting on the request budget or on GitLab is interrupted
     * at once, instead of holding the pod's termination for the executor's timeout, and shutdown waits until they
     * returned, so that none of them writes or logs after the application stopped. What they were doing is not a
     * failure of GitLab: it is neither recorded nor logged.
     */
    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
        eventReads.shutdownNow();
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
        eventReads.shutdownNow();
        workers.shutdownNow();
    }
}
