package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.store.RedisCalls.Unreachable;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Leases through Redis ({@code adapter.store=redis}): each project is held by one replica, which polls it and renews
 * its hold every third of {@code adapter.redis.lease-ttl}; the others skip their turn and serve what it writes.
 *
 * <p>Who should hold a project is the same answer on every replica: of the replicas that sent a heartbeat within the
 * lease time, the one whose hash with the project is highest (rendezvous hashing), so the projects spread evenly and a
 * replica that joins or leaves moves only its share. A holder that is no longer the one hands the project over at its
 * next poll (polls once more, lets go); the one takes it at its own next turn, within one interval. A replica that
 * dies is out of the list and its leases expired after the lease time; its projects are taken at the next turn of
 * their new holder, so within the lease time plus one interval. One that stops lets go of everything first.
 *
 * <p>While Redis cannot be reached, every replica polls every project on its own (and the request budget is split
 * between the replicas last seen, or {@code adapter.redis.replicas} before Redis said); when Redis answers again the
 * leases are taken anew and the polls are shared again. That end is logged once every live replica has had its turn
 * to send a heartbeat again, so that the replicas it names are all of them, not the first few back.
 */
@Singleton
@Typed(RedisPollLeases.class)
public class RedisPollLeases implements PollLeases, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisPollLeases.class);

    /** Lease keys renewed or released in one call. */
    static final int BATCH = 500;

    private final RedisCalls calls;
    private final String id;
    private final String leaseKeys;
    private final String roster;
    private final Duration ttl;
    /** After Redis answers again, how long until every live replica has sent a heartbeat: a renewal and its call. */
    private final Duration settle;

    private final Set<ProjectRef> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewal;
    /** Logged once when the polls stop being shared and once when they are shared again. */
    private final RedisCondition outage = new RedisCondition(LOG);

    private final ReplicaShortfall shortfall;

    private volatile boolean alone;
    private volatile boolean closed;
    private volatile int replicas;
    /** Since Redis answered again (nanoTime), while the end of the outage waits for the replicas' heartbeats. */
    private volatile long rejoinedAt;

    private volatile boolean settling;

    @Inject
    RedisPollLeases(Instance<Redis> redis, AdapterConfig config) {
        this(
                redis.get(),
                config.redis().keyPrefix(),
                config.redis().timeout(),
                config.redis().leaseTtl(),
                newId(),
                config.redis().replicas());
    }

    RedisPollLeases(Redis redis, String keyPrefix, Duration timeout, Duration ttl, String id) {
        this(redis, keyPrefix, timeout, ttl, id, 1);
    }

    /** @param configured {@code adapter.redis.replicas}: the replicas counted on until Redis has said how many run */
    RedisPollLeases(Redis redis, String keyPrefix, Duration timeout, Duration ttl, String id, int configured) {
        this.replicas = Math.max(1, configured);
        this.shortfall = new ReplicaShortfall(LOG, Math.max(1, configured), ttl, keyPrefix);
        this.settle = ttl.dividedBy(3).plus(timeout);
        this.calls = new RedisCalls(redis, timeout);
        this.id = id;
        this.leaseKeys = keyPrefix + "lease:";
        this.roster = keyPrefix + "replicas";
        this.ttl = ttl;
        this.renewal = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "redis-lease-renewal");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, ttl.toMillis() / 3);
        renewal.scheduleWithFixedDelay(this::renew, 0, every, TimeUnit.MILLISECONDS);
    }

    /** The pod's name (its hostname in Kubernetes) and a random part, so that a pod started again is another one. */
    private static String newId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "replica");
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        return host + "-" + HexFormat.of().formatHex(random);
    }

    @Override
    public boolean mayPoll(ProjectRef project, Turn turn) {
        if (closed) {
            return false; // stopping: the others take this replica's projects
        }
        if (alone) {
            return true;
        }
        try {
            Response answer = calls.run(LeaseScripts.TAKE
                    .call(2)
                    .arg(leaseKeys + project.key())
                    .arg(roster)
                    .arg(id)
                    .arg(ttl.toMillis())
                    .arg(project.key())
                    .arg(Integer.toString(turn.ordinal())));
            int taken = answer.get(0).toInteger();
            replicas = Math.max(1, answer.get(1).toInteger());
            if (taken == 1) {
                held.add(project);
            } else {
                held.remove(project);
            }
            return taken != 0;
        } catch (Unreachable e) {
            goAlone(e.getMessage());
            return true;
        }
    }

    @Override
    public int replicas() {
        return replicas;
    }

    @Override
    public int expectedReplicas() {
        return shortfall.expected();
    }

    @Override
    public Optional<Instant> fewerReplicasSince() {
        return Optional.ofNullable(shortfall.reportedSince());
    }

    /** This replica's name in Redis; for logs and tests. */
    public String id() {
        return id;
    }

    @Override
    public int held() {
        return held.size();
    }

    /** Stops renewing without letting go, as a replica that dies does; for tests. */
    void halt() {
        closed = true;
        renewal.shutdownNow();
    }

    /** Whether this replica polls alone because Redis cannot be reached; for tests. */
    boolean alone() {
        return alone;
    }

    /** Every third of the lease time: the heartbeat and the renewal; while alone, whether Redis answers again. */
    private void renew() {
        if (closed) {
            return;
        }
        try {
            List<ProjectRef> mine = new ArrayList<>(held);
            for (List<ProjectRef> batch : batches(mine)) {
                Response answer = onLeases(LeaseScripts.RENEW, batch, ttl.toMillis());
                replicas = Math.max(1, answer.get(0).toInteger());
                for (Response lost : answer.get(1)) {
                    held.remove(batch.get(lost.toInteger() - 1));
                }
            }
            if (alone) {
                alone = false;
                rejoinedAt = System.nanoTime();
                settling = true;
            } else if (settling && System.nanoTime() - rejoinedAt >= settle.toNanos()) {
                settling = false;
                outage.end(rejoinedAt, this::sharedAgain);
            }
            if (!settling) { // while the others' heartbeats come back, the count is not theirs yet
                shortfall.seen(replicas, id);
            }
        } catch (Unreachable e) {
            goAlone(e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf("Renewing this replica's leases in Redis failed: %s", RedisCalls.describe(e));
        }
    }

    private String sharedAgain(String took) {
        return String.format(
                "Redis answers again after %s: polls are shared between the %d replicas again (this one is %s)",
                took, replicas, id);
    }

    private synchronized void goAlone(String why) {
        if (alone || closed) {
            return;
        }
        alone = true;
        settling = false; // the outage goes on: its end is still to come, and still counts from its start
        held.clear();
        outage.start(
                "Redis unreachable or refusing writes (%s): this replica polls every project itself, at 1/%d of"
                        + " gitlab.requests-per-minute (the replicas last seen, or adapter.redis.replicas before Redis"
                        + " said), until Redis answers again",
                why, replicas);
    }

    /** Lets go of every project, so that the other replicas take them at their next turn instead of after the TTL. */
    @PreDestroy
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        renewal.shutdownNow();
        if (alone) {
            return;
        }
        List<ProjectRef> mine = new ArrayList<>(held);
        held.clear();
        try {
            for (List<ProjectRef> batch : batches(mine)) {
                onLeases(LeaseScripts.RELEASE, batch);
            }
        } catch (Unreachable e) {
            LOG.debugf("Letting go of the leases failed (%s); they expire within %s", e.getMessage(), ttl);
        }
    }

    /** A script on the heartbeats and these leases, with this replica and {@code args} as its arguments. */
    private Response onLeases(LuaScript script, List<ProjectRef> leases, Object... args) throws Unreachable {
        LuaScript.Call call = script.call(1 + leases.size()).arg(roster);
        leases.forEach(project -> call.arg(leaseKeys + project.key()));
        call.arg(id);
        for (Object arg : args) {
            call.arg(arg.toString());
        }
        return calls.run(call);
    }

    /** At most {@link #BATCH} a call; one empty batch when there is none, so the heartbeat still beats. */
    private static List<List<ProjectRef>> batches(List<ProjectRef> all) {
        List<List<ProjectRef>> batches = new ArrayList<>();
        int from = 0;
        do {
            batches.add(all.subList(from, Math.min(all.size(), from + BATCH)));
            from += BATCH;
        } while (from < all.size());
        return batches;
    }
}
