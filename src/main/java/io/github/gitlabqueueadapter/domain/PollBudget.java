package io.github.gitlabqueueadapter.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The request budget's arithmetic: from what the watched projects cost, the cadence {@code gitlab.requests-per-minute}
 * allows, and whether {@code adapter.max-staleness} can hold at that cadence. Busy projects ({@link #busy}) are polled
 * first when the budget is short, so they keep the poll interval as long as they fit; the others share what is left.
 *
 * @param requestsPerMinute {@code gitlab.requests-per-minute}; {@link #USABLE} of it is spent
 * @param cadence the configured intervals, the time one poll's attempts may take and {@code adapter.max-staleness}
 */
public record PollBudget(int requestsPerMinute, PollCadence cadence) {

    /** The share of the budget requests use: the rest leaves room for a request that leaves late. */
    public static final double USABLE = 0.98;

    /** A project with a job event this recent is busy: its pipeline is likely to move again soon. */
    public static final Duration BUSY_AFTER_EVENT = Duration.ofMinutes(10);

    /**
     * What the watched projects cost: pages are those each project's last poll read (1 when unknown).
     *
     * @param projects every watched project
     * @param busyPages pages of polled projects that are busy ({@link #busy})
     * @param quietPages pages of the other polled projects
     * @param eventsFirstPages pages of projects fed by job events, read every reconcile interval
     * @param otherPerMinute reads beside the polls: for tags after job events, group listings
     */
    public record Demand(
            int projects, double busyPages, double quietPages, double eventsFirstPages, double otherPerMinute) {}

    /**
     * What the budget allows.
     *
     * @param neededPerMinute requests a minute to poll every project on its configured interval, plus other reads
     * @param usablePerMinute requests a minute the budget gives ({@link #USABLE} of {@code gitlab.requests-per-minute})
     * @param busyInterval time between two polls of a busy project
     * @param interval time between two polls of any other polled project: the cadence the budget allows
     * @param waitInQueue how long a project waits its turn past its due time: {@code interval - poll-interval}
     * @param busyHeadStart how much earlier than due a busy project counts when polls wait their turn: the poll
     *     interval and the whole wait while busy projects fit the budget, so that they keep their interval; nothing
     *     when they do not (every project then waits alike: a quiet one must not wait longer than {@code interval})
     * @param meets whether a project polled at {@code interval} stays within {@code adapter.max-staleness}
     */
    public record Allowance(
            int projects,
            double neededPerMinute,
            double usablePerMinute,
            Duration busyInterval,
            Duration interval,
            Duration waitInQueue,
            Duration busyHeadStart,
            Duration maxStaleness,
            Duration attempts,
            boolean meets) {

        /** A budget that never makes a project wait: for the rules' own tests and before any arithmetic ran. */
        public static Allowance unlimited(PollCadence cadence) {
            return new Allowance(
                    0,
                    0,
                    Double.MAX_VALUE,
                    cadence.pollInterval(),
                    cadence.pollInterval(),
                    Duration.ZERO,
                    Duration.ZERO,
                    cadence.maxStaleness(),
                    cadence.attempts(),
                    true);
        }

        /** Whether projects wait their turn in the budget: every interval is longer than configured. */
        public boolean projectsWait() {
            return !waitInQueue.isNegative() && !waitInQueue.isZero();
        }

        /**
         * How old the number of a project whose configured interval is {@code expected} may grow while it only waits
         * its turn in the budget: that interval and the wait in the queue, a quarter on top for what the estimate
         * cannot know (a page more, a read for tags), plus one poll's attempts.
         */
        public Duration waitingTurn(Duration expected) {
            long nanos = (long) (expected.plus(waitInQueue).toNanos() * 1.25);
            return Duration.ofNanos(nanos).plus(attempts);
        }

        /** The shortest {@code adapter.max-staleness} that holds at this cadence: interval plus attempts. */
        public Duration maxStalenessNeeded() {
            return interval.plus(attempts);
        }
    }

    /**
     * Whether a project is served first when the budget is short: never read yet, jobs pending or running at its last
     * reading, or a job event within {@link #BUSY_AFTER_EVENT}.
     */
    public static boolean busy(ProjectState state, Instant now) {
        if (state == null || state.lastGood() == null) {
            return true;
        }
        if (!state.lastGood().jobs().isEmpty()) {
            return true;
        }
        Instant lastEvent = state.events().lastEventAt();
        return lastEvent != null && !lastEvent.isBefore(now.minus(BUSY_AFTER_EVENT));
    }

    /** The cadence the budget allows for {@code demand}. */
    public Allowance allow(Demand demand) {
        double usable = USABLE * requestsPerMinute;
        double perPoll = 60.0 / cadence.pollInterval().toNanos() * 1e9; // polls a minute of one project
        double perReconcile = 60.0 / cadence.reconcileInterval().toNanos() * 1e9;
        double fixed = demand.eventsFirstPages() * perReconcile + demand.otherPerMinute();
        double busy = demand.busyPages() * perPoll;
        double quiet = demand.quietPages() * perPoll;
        double needed = fixed + busy + quiet;
        double busyStretch;
        double stretch;
        if (needed <= usable) {
            busyStretch = 1;
            stretch = 1;
        } else if (fixed + busy < usable) {
            busyStretch = 1; // busy projects first: the quiet ones share what is left
            stretch = quiet / (usable - fixed - busy);
        } else {
            busyStretch = needed / usable; // not even the busy ones fit: every interval stretches alike
            stretch = busyStretch;
        }
        Duration busyInterval = stretched(busyStretch);
        Duration interval = stretched(stretch);
        return new Allowance(
                demand.projects(),
                needed,
                usable,
                busyInterval,
                interval,
                interval.minus(cadence.pollInterval()),
                busyStretch == 1 ? interval : Duration.ZERO,
                cadence.maxStaleness(),
                cadence.attempts(),
                interval.plus(cadence.attempts()).compareTo(cadence.maxStaleness()) <= 0);
    }

    private Duration stretched(double stretch) {
        return Duration.ofMillis((long) Math.ceil(cadence.pollInterval().toMillis() * stretch));
    }
}
