package io.github.gitlabqueueadapter.gitlab;

import io.github.gitlabqueueadapter.domain.ResetForTests;
import io.github.gitlabqueueadapter.store.BudgetSlots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One pace for every request to a GitLab: requests leave at least {@code 60 s / requests-per-minute} apart, so no
 * minute ever holds more than the budget and nothing bursts. A 429 pauses everything until GitLab's
 * {@code Retry-After}; a low {@code RateLimit-Remaining} spreads what is left until {@code RateLimit-Reset}.
 * Replicas that share a token book their slots together ({@link BudgetSlots}), so that together they keep this pace;
 * when they cannot, each keeps its share of it. The clock and the sleep are passed in, so the rule is tested without
 * waiting.
 */
public final class RequestBudget implements ResetForTests {

    /** Waits; in production {@link Thread#sleep}. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The share of the budget left unused, as room for requests that leave late. */
    static final double MARGIN = 0.02;

    /** Below this share of GitLab's own limit, the pace slows to last until the limit resets. */
    static final double LOW_REMAINING_SHARE = 0.1;

    private final Clock clock;
    private final Sleeper sleeper;
    private final BudgetSlots shared;
    private final Duration spacing;
    private Instant nextSlot = Instant.MIN;
    private Instant pausedUntil = Instant.MIN;
    private Duration slowSpacing = Duration.ZERO;
    private Instant slowUntil = Instant.MIN;
    private Duration paused = Duration.ZERO;
    private Long lastRemaining;
    private long granted;

    public RequestBudget(int requestsPerMinute, Clock clock, Sleeper sleeper) {
        this(requestsPerMinute, clock, sleeper, BudgetSlots.ALONE);
    }

    public RequestBudget(int requestsPerMinute, Clock clock, Sleeper sleeper, BudgetSlots shared) {
        // 2 % slower than an exact division: a request that leaves late (a cold connection, a busy CPU) must not
        // arrive together with the next one and put budget + 1 requests into some 60 s at GitLab
        this.spacing =
                Duration.ofNanos((long) (Duration.ofMinutes(1).toNanos() / (requestsPerMinute * (1 - MARGIN))) + 1);
        this.clock = clock;
        this.sleeper = sleeper;
        this.shared = shared;
    }

    /**
     * Waits until the next request may leave, and books its slot. A pause that began while this request slept (another
     * request got a 429) holds it too: it books again after the pause.
     */
    public void acquire() throws InterruptedException {
        while (true) {
            Duration sharedWait = shared.book(spacing).orElse(null); // before the lock: it may wait on Redis
            Instant slot = book(sharedWait, sharedWait == null ? shared.replicas() : 1);
            Duration wait = Duration.between(clock.instant(), slot);
            if (!wait.isNegative() && !wait.isZero()) {
                sleeper.sleep(wait);
            }
            synchronized (this) {
                if (!clock.instant().isBefore(pausedUntil)) {
                    granted++;
                    return;
                }
            }
        }
    }

    /**
     * Books this process's slot: after {@code sharedWait}, the slot the replicas booked together, which already keeps
     * the budget's pace; or, when there is none, {@code share} times this budget's spacing after the last one. A slow
     * pace for GitLab's low {@code RateLimit-Remaining} is split between the replicas the same way.
     */
    private synchronized Instant book(Duration sharedWait, int share) {
        Instant now = clock.instant();
        Instant slot = max(max(sharedWait == null ? now : now.plus(sharedWait), nextSlot), pausedUntil);
        if (slot.isAfter(now) && !pausedUntil.isBefore(slot)) {
            paused = paused.plus(Duration.between(now, slot));
        }
        Duration pace = sharedWait == null ? spacing.multipliedBy(share) : Duration.ZERO;
        Duration slowPace = slowSpacing.multipliedBy(shared.replicas());
        boolean slow = slot.isBefore(slowUntil) && slowPace.compareTo(pace) > 0;
        nextSlot = slot.plus(slow ? slowPace : pace);
        if (slow && nextSlot.isAfter(slowUntil)) {
            nextSlot = max(slowUntil, slot.plus(pace)); // GitLab's window resets then: back to the budget's pace
        }
        return slot;
    }

    /** GitLab answered 429: nothing leaves before {@code until}, from this replica or (shared) any other. */
    public void pauseUntil(Instant until) {
        synchronized (this) {
            pausedUntil = max(pausedUntil, until);
        }
        shared.pauseFor(Duration.between(clock.instant(), until));
    }

    /** GitLab's {@code RateLimit-*} headers of an answer; any may be null. */
    public synchronized void observe(Long remaining, Long limit, Instant reset) {
        if (remaining != null) {
            lastRemaining = remaining;
        }
        if (remaining == null || limit == null || reset == null || limit <= 0) {
            return;
        }
        Instant now = clock.instant();
        if (remaining <= Math.max(1, (long) (limit * LOW_REMAINING_SHARE)) && reset.isAfter(now)) {
            slowSpacing = Duration.between(now, reset).dividedBy(Math.max(1, remaining));
            slowUntil = reset;
        }
    }

    /**
     * {@link #acquire()} for a request about to leave: an interruption (shutdown) fails the request instead.
     *
     * @throws GitLabException when interrupted while waiting
     */
    void take() {
        try {
            acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitLabException(
                    GitLabException.Kind.UNREACHABLE, 0, "interrupted while waiting for the request budget");
        }
    }

    /** Forgets pacing and pauses, as if no request had left yet; the totals the metrics read stay. */
    @Override
    public synchronized void reset() {
        nextSlot = Instant.MIN;
        pausedUntil = Instant.MIN;
        slowSpacing = Duration.ZERO;
        slowUntil = Instant.MIN;
    }

    /** GitLab's last {@code RateLimit-Remaining}, or null before GitLab sent one. */
    public synchronized Long lastRemaining() {
        return lastRemaining;
    }

    /** Slots granted since the start: every request that left to GitLab took one. */
    public synchronized long granted() {
        return granted;
    }

    /** Total time requests were held back by 429 pauses. */
    public synchronized Duration pausedTotal() {
        return paused;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
