package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.store.LocalCopies.Copy;
import io.github.gitlabqueueadapter.store.RedisCalls.Unreachable;
import io.github.gitlabqueueadapter.store.RedisProjectStates.Stored;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The announcements of other replicas' writes, into this replica's copies: a subscription to the channel every write
 * is announced on ({@link RedisProjectStates}), whose messages the event loop only queues, and a thread that takes
 * each into the copies: an event's change applied to the version held, else the state read from Redis. When more
 * wait than it holds, they are dropped and every state is read again.
 */
final class ChangeFeed {

    /** Logs as the store: its lines keep the category operators know them by. */
    private static final Logger LOG = Logger.getLogger(RedisSnapshotStore.class);

    /** Announcements waiting to be fetched; past it they are dropped and every state read again. */
    static final int MAX_WAITING_ANNOUNCEMENTS = 10_000;

    /** Characters of announcements waiting to be fetched (an event's carries its change); past it, as above. */
    static final long MAX_WAITING_CHARS = 8L * 1024 * 1024;

    private final Redis redis;
    private final RedisCalls calls;
    private final RedisProjectStates states;
    private final LocalCopies copies;
    /** This store's name in its announcements: those that name it are its own writes. */
    private final String writer;
    /** Told when Redis fails the subscription or a read: the store goes on alone. */
    private final Consumer<String> lost;

    private final BlockingQueue<String> announcements = new ArrayBlockingQueue<>(MAX_WAITING_ANNOUNCEMENTS);
    private final AtomicLong waitingChars = new AtomicLong();

    private volatile boolean missedAnnouncements;
    private volatile RedisConnection subscription;
    private volatile boolean closed;
    private Thread fetcher;

    ChangeFeed(RedisCalls calls, RedisProjectStates states, LocalCopies copies, String writer, Consumer<String> lost) {
        this.redis = calls.client();
        this.calls = calls;
        this.states = states;
        this.copies = copies;
        this.writer = writer;
        this.lost = lost;
    }

    /** Starts the thread that takes the announcements into the copies; they come once {@link #subscribe}d. */
    void start() {
        fetcher = new Thread(this::drainAnnouncements, "redis-store-fetcher");
        fetcher.setDaemon(true);
        fetcher.start();
    }

    void close() {
        closed = true;
        if (fetcher != null) {
            fetcher.interrupt();
        }
        drop();
    }

    /** Subscribes again, on a connection of its own, within the timeout. */
    void subscribe() throws Unreachable {
        drop();
        Future<RedisConnection> connecting = redis.connect();
        RedisConnection connection;
        try {
            connection = calls.await(connecting);
        } catch (Unreachable e) {
            connecting.onSuccess(RedisConnection::close); // connected too late: not kept open
            throw e;
        }
        subscription = connection;
        connection.handler(this::announced);
        connection.exceptionHandler(e -> subscriptionLost(connection, RedisCalls.describe(e)));
        connection.endHandler(ignored -> subscriptionLost(connection, "the subscription's connection closed"));
        calls.await(connection.send(Request.cmd(Command.SUBSCRIBE).arg(states.channel())));
    }

    /** Closes the subscription, if any: announcements stop until the next {@link #subscribe}. */
    void drop() {
        RedisConnection connection = subscription;
        subscription = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                LOG.debugf("Closing the subscription failed: %s", e.getMessage());
            }
        }
    }

    private void subscriptionLost(RedisConnection connection, String why) {
        if (connection == subscription && !closed) {
            lost.accept(why);
        }
    }

    /** On the event loop: only queues the announcement; the fetcher thread reads the state. */
    private void announced(Response message) {
        if (message == null
                || (message.type() != ResponseType.MULTI && message.type() != ResponseType.PUSH)
                || message.size() < 3
                || !"message".equalsIgnoreCase(String.valueOf(message.get(0)))) {
            return;
        }
        String announcement = String.valueOf(message.get(2));
        if (waitingChars.addAndGet(announcement.length()) > MAX_WAITING_CHARS || !announcements.offer(announcement)) {
            waitingChars.addAndGet(-announcement.length());
            missedAnnouncements = true;
        }
    }

    private void drainAnnouncements() {
        while (!closed) {
            try {
                String announcement = announcements.poll(1, TimeUnit.SECONDS);
                if (announcement != null) {
                    waitingChars.addAndGet(-announcement.length());
                }
                if (missedAnnouncements) {
                    missedAnnouncements = false;
                    List<String> dropped = new ArrayList<>();
                    announcements.drainTo(dropped);
                    dropped.forEach(gone -> waitingChars.addAndGet(-gone.length()));
                    if (subscription != null) {
                        LOG.warnf(
                                "More than %d changes (or %d characters) waited to be read from Redis; every state"
                                        + " is read again",
                                MAX_WAITING_ANNOUNCEMENTS, MAX_WAITING_CHARS);
                        states.readAll().forEach(copies::keepShared);
                    }
                } else if (announcement != null && subscription != null) {
                    fetchAnnounced(announcement);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Unreachable e) {
                lost.accept(e.getMessage());
            } catch (RuntimeException e) {
                LOG.warnf(e, "A change announced by Redis could not be applied");
            }
        }
    }

    private void fetchAnnounced(String announcement) throws Unreachable {
        if (announcement.startsWith("del ")) {
            copies.remove(ProjectRef.parse(announcement.substring(4)));
            return;
        }
        int newline = announcement.indexOf('\n');
        String[] parts = (newline < 0 ? announcement : announcement.substring(0, newline)).split(" ");
        // set <version> <writer> <project>, or delta <version> <previous version> <writer> <project>
        boolean delta = parts[0].equals("delta") && parts.length == 5 && newline > 0;
        if (!(delta || parts[0].equals("set") && parts.length == 4) || parts[parts.length - 2].equals(writer)) {
            return; // this replica's own write (its copy holds it, or is about to)
        }
        long version = Long.parseLong(parts[1]);
        ProjectRef project = ProjectRef.parse(parts[parts.length - 1]);
        Copy local = copies.get(project);
        if (local != null && local.version() >= version) {
            return; // an older write than the one held
        }
        if (delta && local != null && !local.localOnly() && local.version() == Long.parseLong(parts[2])) {
            copies.keepShared(
                    project,
                    new Stored(version, states.applyAnnounced(local.state(), announcement.substring(newline + 1))));
            return; // the change on top of the version held: nothing to read
        }
        Stored stored = states.fetch(project);
        if (stored != null) {
            copies.keepShared(project, stored);
        }
    }
}
