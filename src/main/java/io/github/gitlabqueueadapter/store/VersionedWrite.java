package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.store.LocalCopies.Copy;
import io.github.gitlabqueueadapter.store.RedisCalls.Unreachable;
import io.github.gitlabqueueadapter.store.RedisProjectStates.Stored;
import io.github.gitlabqueueadapter.store.RedisProjectStates.Swap;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A write of a project's state to Redis at the version this replica built on (compare-and-set): two replicas that
 * apply an event and a poll to one project at once never lose either, the second is applied again on top of the
 * first. This replica's concurrent writes to a project are grouped into one ({@link GroupedWrites}); what is written
 * is kept in its local copy.
 */
final class VersionedWrite {

    /** Attempts of one write while other replicas keep changing the project: each lost attempt is one of theirs won. */
    static final int MAX_ATTEMPTS = 100;

    /** Too many other writes in a row: the write is kept here and written back later. */
    static final class ContendedException extends RuntimeException {
        ContendedException() {
            super(null, null, false, false);
        }
    }

    private final RedisProjectStates states;
    private final LocalCopies copies;
    private final GroupedWrites grouped = new GroupedWrites();

    VersionedWrite(RedisProjectStates states, LocalCopies copies) {
        this.states = states;
        this.copies = copies;
    }

    /**
     * Writes the change to Redis, with this replica's other changes to the project waiting at that moment.
     *
     * @return what the change made (null: it only changes a state that exists, and there is none)
     * @throws ContendedException when other replicas won {@link #MAX_ATTEMPTS} times in a row
     */
    ProjectState write(ProjectRef project, UnaryOperator<ProjectState> change, boolean onlyIfPresent)
            throws Unreachable {
        return grouped.write(project, change, onlyIfPresent, this::writeShared);
    }

    /**
     * Compare-and-set of a batch of changes (see {@link GroupedWrites}), each applied to the state the one before made,
     * starting from the version this replica holds: written if Redis still holds that version, else applied again to
     * the one Redis holds (or, when Redis lost it, to this replica's copy). A change that only changes a state that
     * exists makes nothing when neither Redis nor this replica holds one.
     */
    private void writeShared(ProjectRef project, List<GroupedWrites.Pending> batch) throws Unreachable {
        Copy local = copies.get(project);
        long expected = 0;
        ProjectState base = null; // null: no state
        boolean baseShared = false; // base is what Redis holds at version expected
        if (local != null) {
            expected = local.version();
            base = local.state();
            baseShared = !local.localOnly() && expected != 0;
        } else if (batch.stream().anyMatch(GroupedWrites.Pending::onlyIfPresent)) {
            Stored stored = states.fetch(project);
            if (stored != null) {
                expected = stored.version();
                base = stored.state();
                baseShared = true;
            }
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            ProjectState changed = base;
            for (GroupedWrites.Pending write : batch) {
                changed = write.apply(changed, project);
            }
            if (changed == null || changed == base && baseShared) {
                return; // no state to change, or nothing changed (a repeated event): nothing to write
            }
            Swap swap = states.write(project, expected, baseShared ? base : null, changed);
            if (swap.written()) {
                copies.keep(project, new Copy(swap.version(), changed, false));
                return;
            }
            Copy mine = swap.version() == 0 ? copies.lostByRedis(project) : null;
            expected = mine != null ? 0 : swap.version();
            base = mine != null ? mine.state() : swap.current() == null ? null : copies.newer(project, swap.current());
            baseShared = mine == null && base != null && base == swap.current();
        }
        throw new ContendedException();
    }
}
