package io.github.gitlabqueueadapter.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * One project's circuit breaker, a few dozen bytes: the rule of SmallRye's breaker as this adapter configured it
 * (a rolling window of {@link Policy#failuresToOpen} attempts with failure ratio 1, success threshold 1), so that ten
 * thousand projects need no builders, event handlers and bit sets of their own.
 *
 * <ul>
 *   <li>Closed: every attempt goes through; {@code failuresToOpen} failed attempts in a row open it (with a ratio of 1,
 *       the window is full of failures only then), and a success starts the count again.
 *   <li>Open: every attempt is refused until {@code delay} has passed since it opened; then it is half-open (also for
 *       whoever only reads its state).
 *   <li>Half-open: one probe goes through and any other attempt is refused while it runs; the probe's success closes
 *       it, its failure opens it again for another {@code delay}.
 * </ul>
 *
 * Every exception counts as a failure (SmallRye's defaults: fail on every {@code Throwable}, skip on none). An attempt
 * is {@link #admit admitted}, then its outcome is recorded with the ticket it was given: an outcome that arrives after
 * the breaker moved on from the state that admitted it changes nothing (SmallRye's compare-and-set on its state).
 * Thread-safe: every transition holds this object's lock, only for a few instructions.
 */
public final class CircuitBreaker {

    /** What {@link #admit} answers for an attempt the breaker refuses. */
    public static final long REFUSED = -1;

    /** The states, as SmallRye names them. */
    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    /**
     * What every project's breaker shares.
     *
     * @param failuresToOpen failed attempts in a row that open a closed breaker, at least 1
     * @param delay how long an open breaker refuses attempts before it lets one probe through
     */
    public record Policy(int failuresToOpen, Duration delay) {
        public Policy {
            if (failuresToOpen < 1 || delay.isNegative()) {
                throw new IllegalArgumentException("a breaker opens after at least 1 failure and waits >= 0");
            }
        }
    }

    private final Policy policy;
    private State state = State.CLOSED;
    /** Consecutive failures while closed. */
    private int failures;
    /** Whether the half-open probe is out. */
    private boolean probing;
    /** Counts the transitions: an attempt's ticket is the value when it was admitted. */
    private int generation;
    /** When it last opened; null before. */
    private Instant openedAt;

    public CircuitBreaker(Policy policy) {
        this.policy = policy;
    }

    /**
     * Asks to send one attempt at {@code now}.
     *
     * @return the ticket to record the attempt's outcome with, or {@link #REFUSED}: the attempt must not be sent
     */
    public synchronized long admit(Instant now) {
        if (state == State.OPEN) {
            if (now.isBefore(openedAt.plus(policy.delay()))) {
                return REFUSED;
            }
            moveTo(State.HALF_OPEN);
        }
        if (state == State.HALF_OPEN) {
            if (probing) {
                return REFUSED;
            }
            probing = true;
        }
        return ticket();
    }

    /** The admitted attempt succeeded: a closed breaker starts counting again, a half-open one closes. */
    public synchronized void succeeded(long ticket) {
        if (ticket != ticket()) {
            return;
        }
        if (state == State.HALF_OPEN) {
            moveTo(State.CLOSED);
        } else if (state == State.CLOSED) {
            failures = 0;
        }
    }

    /** The admitted attempt failed at {@code now}: the last of enough failures in a row opens it, as does a probe's. */
    public synchronized void failed(long ticket, Instant now) {
        if (ticket != ticket()) {
            return;
        }
        if (state == State.HALF_OPEN || (state == State.CLOSED && ++failures >= policy.failuresToOpen())) {
            moveTo(State.OPEN);
            openedAt = now;
        }
    }

    /** The state at {@code now}: an open breaker whose delay has passed is half-open, as SmallRye's timer makes it. */
    public synchronized State state(Instant now) {
        if (state == State.OPEN && !now.isBefore(openedAt.plus(policy.delay()))) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** The generation as a ticket: never {@link #REFUSED}, also once it wraps around. */
    private long ticket() {
        return Integer.toUnsignedLong(generation);
    }

    private void moveTo(State next) {
        state = next;
        failures = 0;
        probing = false;
        generation++;
    }
}
