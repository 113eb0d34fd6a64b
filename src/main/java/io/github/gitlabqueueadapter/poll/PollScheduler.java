package io.github.gitlabqueueadapter.poll;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.domain.PollBudget;
import io.github.gitlabqueueadapter.domain.PollCadence;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.announcements.PollsStored;
import io.github.gitlabqueueadapter.domain.announcements.ProjectsJoined;
import io.github.gitlabqueueadapter.domain.announcements.StateShared;
import io.github.gitlabqueueadapter.store.PollLeases;
import io.github.gitlabqueueadapter.store.SnapshotStore;
import io.github.gitlabqueueadapter.watch.BudgetAllowances;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Books each watched project's polls on its cadence ({@link PollSchedule}, {@link PollIntervals}) and runs them on the
 * {@link PollWorkers}: a scheduled poll only by the replica that holds the project ({@link PollLeases}), one asked for
 * meanwhile right after it. Announces the polls stored since the last tick once ({@link PollsStored}).
 */
@ApplicationScoped
class PollScheduler {

    /** How often {@link #tick} runs: a poll due before the next tick is booked, then started on time. */
    private static final long TICK_NANOS = 1_000_000_000L;

    /** Seconds of the budget's requests that may be booked or running at once; beyond them polls wait unbooked. */
    static final int BOOKED_SECONDS = 2;

    private final SnapshotStore store;
    private final PollLeases leases;
    private final WatchedProjects watched;
    private final Clock clock;
    private final PollCadence cadence;
    private final Event<PollsStored> pollsStored;
    private final PollWorkers workers;
    private final PollIntervals intervals;
    private final PollLateness lateness;
    private final ProjectPoller poller;
    private final BudgetAllowances budget;
    private final int inFlight;
    private final PollSchedule schedule = new PollSchedule();
    private final AtomicBoolean storedSinceTick = new AtomicBoolean();

    PollScheduler(
            SnapshotStore store,
            PollLeases leases,
            WatchedProjects watched,
            Clock clock,
            PollCadence cadence,
            Event<PollsStored> pollsStored,
            PollWorkers workers,
            PollIntervals intervals,
            PollLateness lateness,
            ProjectPoller poller,
            BudgetAllowances budget,
            AdapterConfig adapter,
            GitLabConfig gitlab) {
        this.store = store;
        this.leases = leases;
        this.watched = watched;
        this.clock = clock;
        this.cadence = cadence;
        this.pollsStored = pollsStored;
        this.workers = workers;
        this.intervals = intervals;
        this.lateness = lateness;
        this.poller = poller;
        this.budget = budget;
        this.inFlight = inFlight(adapter.pollConcurrency(), gitlab.requestsPerMinute());
    }

    /**
     * How many polls may be booked or running at once: enough to keep every worker busy and the request budget for
     * {@value #BOOKED_SECONDS} seconds, and no more, so that the order of the rest is decided when their turn comes
     * (busy projects first) and a job event's read waits behind no more than these.
     */
    static int inFlight(int concurrency, int requestsPerMinute) {
        return Math.max(Math.max(1, concurrency), (requestsPerMinute * BOOKED_SECONDS + 59) / 60);
    }

    /**
     * Books every project due before the next tick and starts each on the dot; announces the polls stored since the
     * last tick once ({@link PollsStored}). A project whose last poll took longer than its interval is due as soon as
     * it ends: its interval stretches, requests never burst to catch up.
     */
    @Scheduled(identity = "gitlab-poll", every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (workers.stopping()) {
            return;
        }
        try {
            if (storedSinceTick.getAndSet(false)) {
                pollsStored.fire(new PollsStored());
            }
            long now = System.nanoTime();
            lateness.endWhenOver(now);
            List<PollSchedule.Booking> bookings = schedule.book(
                    watched.all(),
                    now,
                    TICK_NANOS,
                    intervals::interval,
                    inFlight,
                    this::busy,
                    budget.current().busyHeadStart().toNanos());
            for (PollSchedule.Booking booking : bookings) {
                workers.executeIn(booking.waitNanos(), () -> scheduled(booking));
            }
        } catch (RuntimeException e) {
            if (!workers.stopping()) {
                throw e;
            } // a tick that was running when shutdown began: the beans it uses may be gone already
        }
    }

    /** Polled first when the request budget is short ({@link PollBudget#busy}). */
    private boolean busy(ProjectRef project) {
        return PollBudget.busy(store.find(project).orElse(null), clock.instant());
    }

    private void scheduled(PollSchedule.Booking booking) {
        if (!schedule.start(booking.project())) {
            return; // a read for tags took this poll's place
        }
        long start = System.nanoTime();
        long startedAt = start;
        try {
            long late = start - booking.dueAt();
            Duration interval = intervals.interval(booking.project());
            if (!booking.first()) { // the first polls queue up behind each other at start: that is not falling behind
                lateness.started(late, interval, start);
            }
            // a poll on time keeps the cadence to the nanosecond; a late one starts the next interval from now
            startedAt = late <= interval.toNanos() / 10 ? booking.dueAt() : start;
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
                poller.poll(project, batched);
            }
        } finally {
            if (batched) {
                storedSinceTick.set(true);
            }
            if (schedule.release(project, startedAt) && !workers.stopping()) {
                workers.execute(() -> run(project, false, System.nanoTime(), false));
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
    void pollNow(ProjectRef project, boolean leased) {
        if (schedule.claim(project)) {
            workers.execute(() -> run(project, false, System.nanoTime(), leased));
        }
    }

    /**
     * Another replica stored a state: the next tick announces {@link PollsStored}, so that pools and groups are sampled
     * on a replica that polls none of their projects too.
     */
    void sharedStored(@Observes StateShared shared) {
        storedSinceTick.set(true);
    }

    /** Polls these projects now, beside their cadence: projects that just joined through a group need not wait. */
    void pollSoon(@Observes ProjectsJoined joined) {
        joined.projects().forEach(project -> pollNow(project, true));
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
}
