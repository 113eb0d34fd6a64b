package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.store.LocalCopies.Copy;
import io.github.gitlabqueueadapter.store.RedisCalls.Unreachable;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Writes back to Redis the states this replica wrote alone (while Redis was away, after Redis lost them, or when
 * other replicas' writes kept winning), unless Redis holds a newer one by then: so the replicas converge as soon as
 * Redis answers, without waiting for each project's next poll, and a Redis restarted empty holds every state again.
 */
final class WriteBack {

    /** Logs as the store: its lines keep the category operators know them by. */
    private static final Logger LOG = Logger.getLogger(RedisSnapshotStore.class);

    private final VersionedWrite writes;
    private final LocalCopies copies;

    WriteBack(VersionedWrite writes, LocalCopies copies) {
        this.writes = writes;
        this.copies = copies;
    }

    /** Whether any state waits to be written back. */
    boolean waiting() {
        return copies.anyUnshared();
    }

    /** @return the states written back (those newer than Redis's) */
    int run() throws Unreachable {
        int written = 0;
        for (Map.Entry<ProjectRef, Copy> entry : copies.entries()) {
            Copy local = entry.getValue();
            if (!local.localOnly()) {
                continue;
            }
            ProjectState mine = local.state();
            AtomicBoolean chosen = new AtomicBoolean();
            try {
                writes.write(
                        entry.getKey(),
                        shared -> {
                            chosen.set(shared == mine || LocalCopies.asOf(mine).isAfter(LocalCopies.asOf(shared)));
                            return chosen.get() ? mine : shared;
                        },
                        false);
                written += chosen.get() ? 1 : 0;
            } catch (VersionedWrite.ContendedException e) {
                LOG.debugf("Writing back %s met other writes; tried again later", entry.getKey());
            }
        }
        return written;
    }
}
