package io.github.gitlabqueueadapter.store;

import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Whether this replica sees in Redis as many replicas as {@code adapter.redis.replicas} says run. Fewer for longer
 * than the lease time (a replica that starts or stops is back or gone within it) is a condition, logged once when it
 * starts and once when it ends and shown by {@code /q/health/well}: the missing replicas are down, or run with another
 * key prefix or another Redis, where they poll every project again and spend a request budget of their own.
 */
final class ReplicaShortfall {

    private final RedisCondition condition;
    private final int expected;
    private final Duration grace;
    private final String keyPrefix;

    /** Since when fewer replicas than expected have been seen, reported or not yet; null while there are enough. */
    private Instant shortSince;

    private long shortSinceNanos;

    /** {@link #shortSince} once the shortfall has lasted past the grace and is reported; null otherwise. */
    private volatile Instant reported;

    ReplicaShortfall(Logger log, int expected, Duration grace, String keyPrefix) {
        this.condition = new RedisCondition(log);
        this.expected = expected;
        this.grace = grace;
        this.keyPrefix = keyPrefix;
    }

    /** The replicas Redis counts live now, this one included, as this replica (named {@code id}) read them. */
    synchronized void seen(int replicas, String id) {
        if (replicas >= expected) {
            shortSince = null;
            reported = null;
            condition.end(took -> String.format(
                    "%d replicas share key prefix %s in Redis again, as adapter.redis.replicas (%d) says, after %s"
                            + " with fewer (this one is %s)",
                    replicas, keyPrefix, expected, took, id));
            return;
        }
        long now = System.nanoTime();
        if (shortSince == null) {
            shortSince = Instant.now();
            shortSinceNanos = now;
        }
        if (reported == null && now - shortSinceNanos >= grace.toNanos()) {
            reported = shortSince;
            String lasted = RedisCalls.human(Duration.ofNanos(now - shortSinceNanos));
            if (replicas <= 1) {
                condition.start(
                        shortSince,
                        shortSinceNanos,
                        "This replica (%s) has been alone on key prefix %s in Redis for %s, but adapter.redis.replicas"
                                + " is %d: the others are down, or run with another adapter.redis.key-prefix or another"
                                + " Redis, where they poll every project again and spend gitlab.requests-per-minute"
                                + " again. If fewer run on purpose, set adapter.redis.replicas to their number",
                        id,
                        keyPrefix,
                        lasted,
                        expected);
            } else {
                condition.start(
                        shortSince,
                        shortSinceNanos,
                        "Only %d of the %d replicas of adapter.redis.replicas have shared key prefix %s in Redis for"
                                + " %s: the others are down, or run with another adapter.redis.key-prefix or another"
                                + " Redis, where they poll every project again and spend gitlab.requests-per-minute"
                                + " again. If fewer run on purpose, set adapter.redis.replicas to their number",
                        replicas,
                        expected,
                        keyPrefix,
                        lasted);
            }
        }
    }

    /** The replicas {@code adapter.redis.replicas} says run. */
    int expected() {
        return expected;
    }

    /** Since when fewer replicas than expected have been seen, once that lasted past the grace; null otherwise. */
    Instant reportedSince() {
        return reported;
    }
}
