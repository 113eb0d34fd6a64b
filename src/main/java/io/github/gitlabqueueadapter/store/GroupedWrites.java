package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.store.RedisCalls.Unreachable;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/**
 * One replica's concurrent writes to one project, made one Redis write: a writer queues its change and takes the
 * project's lock; the first to hold it applies every change waiting, in order, each to the state the one before made,
 * and writes the result once. So the replica's writes to a project never make each other try again, and a burst of
 * events costs a round trip to Redis per batch, not per event. A batch holds at most {@link #MAX_BATCH} changes; the
 * queues hold only writers that wait, so they are bounded by the threads that write.
 */
final class GroupedWrites {

    static final int MAX_BATCH = 100;

    /** Writes a batch to Redis, setting each change's result. */
    interface Batch {
        void write(ProjectRef project, List<Pending> batch) throws Unreachable;
    }

    /** A change waiting to be written, then what it made and whether its batch was written. */
    static final class Pending {
        private final UnaryOperator<ProjectState> change;
        private final boolean onlyIfPresent;
        private ProjectState result;
        private Unreachable unreachable;
        private RuntimeException failed;
        private boolean done;

        Pending(UnaryOperator<ProjectState> change, boolean onlyIfPresent) {
            this.change = change;
            this.onlyIfPresent = onlyIfPresent;
        }

        boolean onlyIfPresent() {
            return onlyIfPresent;
        }

        /**
         * Applies the change to {@code state} (null: the project has none) and keeps what it made: null when it
         * only changes a state that exists and there is none.
         */
        ProjectState apply(ProjectState state, ProjectRef project) {
            result = state == null && onlyIfPresent
                    ? null
                    : change.apply(state == null ? ProjectState.unpolled(project) : state);
            return result == null ? state : result;
        }
    }

    private final ConcurrentMap<ProjectRef, Queue<Pending>> waiting = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[64];

    GroupedWrites() {
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** @return what the change made, written to Redis with the changes of its batch */
    ProjectState write(ProjectRef project, UnaryOperator<ProjectState> change, boolean onlyIfPresent, Batch batches)
            throws Unreachable {
        Pending mine = new Pending(change, onlyIfPresent);
        Queue<Pending> queue = waiting.computeIfAbsent(project, key -> new ConcurrentLinkedQueue<>());
        queue.add(mine);
        synchronized (locks[Math.floorMod(project.hashCode(), locks.length)]) {
            while (!mine.done) {
                List<Pending> batch = new ArrayList<>();
                for (Pending next; batch.size() < MAX_BATCH && (next = queue.poll()) != null; ) {
                    batch.add(next);
                }
                try {
                    batches.write(project, batch);
                } catch (Unreachable e) {
                    batch.forEach(p -> p.unreachable = e);
                } catch (RuntimeException e) {
                    batch.forEach(p -> p.failed = e);
                }
                batch.forEach(p -> p.done = true);
            }
            if (queue.isEmpty()) {
                waiting.remove(project, queue); // a writer that still holds it drains it itself
            }
        }
        if (mine.unreachable != null) {
            throw mine.unreachable;
        }
        if (mine.failed != null) {
            throw mine.failed;
        }
        return mine.result;
    }
}
