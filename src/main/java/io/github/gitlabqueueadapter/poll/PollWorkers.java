package io.github.gitlabqueueadapter.poll;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The threads polls run on, {@code adapter.poll-concurrency} workers and a timer that starts them on the dot, and
 * their stop when shutdown begins. Made here rather than taken from Quarkus: the workers are bounded by the
 * configuration, the timer's delays are finer than the scheduler's second, and shutdown interrupts the workers at
 * once, which a container-managed executor does not allow.
 */
@ApplicationScoped
class PollWorkers {

    /** Logs as the poller: the category operators filter on stays one. */
    private static final Logger LOG = Logger.getLogger(QueuePoller.class);

    /** How long shutdown waits for polls to return once interrupted, so none outlives the application. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final ExecutorService workers;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(daemons(() -> "gitlab-poll-timer"));
    private volatile boolean stopping;

    PollWorkers(AdapterConfig config) {
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(
                Math.max(1, config.pollConcurrency()), daemons(() -> "gitlab-poll-" + threads.incrementAndGet()));
    }

    /** Daemon threads: none of them holds the JVM up at exit. */
    private static ThreadFactory daemons(Supplier<String> names) {
        return runnable -> {
            Thread thread = new Thread(runnable, names.get());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Shutdown began: what polls were doing is not a failure of GitLab, and nothing new starts. */
    boolean stopping() {
        return stopping;
    }

    /** Runs {@code task} on a worker as soon as one is free; nothing while shutting down. */
    void execute(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Runs {@code task} on a worker {@code nanos} from now. */
    void executeIn(long nanos, Runnable task) {
        timer.schedule(() -> workers.execute(task), nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Runs {@code task} on the timer {@code nanos} from now: short work that hands polls to the workers.
     *
     * @throws RejectedExecutionException while shutting down
     */
    void timeIn(long nanos, Runnable task) {
        timer.schedule(task, nanos, TimeUnit.NANOSECONDS);
    }

    /** Runs every task on the workers; returns when all are done. */
    void invokeAll(List<Callable<Void>> tasks) throws InterruptedException {
        workers.invokeAll(tasks);
    }

    /**
     * Stops the polls as soon as shutdown begins: a worker waiting on the request budget or on GitLab is interrupted
     * at once, instead of holding the pod's termination for the executor's timeout, and shutdown waits until they
     * returned, so that none of them writes or logs after the application stopped. What they were doing is not a
     * failure of GitLab: it is neither recorded nor logged. Before the other observers of shutdown (priority 1000, the
     * default is 2500): the store and the leases close after the last poll.
     */
    void onShutdown(@Observes @Priority(1000) ShutdownEvent event) {
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
