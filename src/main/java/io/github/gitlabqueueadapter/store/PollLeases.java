package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import java.time.Instant;
import java.util.Optional;

/**
 * Which replica polls which project. Alone ({@code adapter.store=memory}) this replica polls every project; with Redis,
 * each project is held by one replica at a time, so GitLab is asked once per project per interval however many
 * replicas run.
 */
public interface PollLeases {

    /** How a project's turn stands, by its last poll (by any replica). */
    enum Turn {
        /** Polled recently: the replica that should hold it polls. */
        ON_TIME,
        /** Never polled: whoever comes first takes it, if nobody holds it. */
        NEVER_POLLED,
        /** Two intervals past its last poll: its holder is stuck or gone, the replica whose turn came takes it. */
        OVERDUE
    }

    /** The leases of a replica that runs alone: it polls everything. */
    PollLeases ALONE = new PollLeases() {
        @Override
        public boolean mayPoll(ProjectRef project, Turn turn) {
            return true;
        }

        @Override
        public int replicas() {
            return 1;
        }

        @Override
        public int held() {
            return 0;
        }
    };

    /**
     * Whether this replica polls the project now, its poll being due. True when it holds the project (or takes it);
     * false when another replica does, which then writes the snapshot every replica serves.
     *
     * @param turn how the project's last poll, by whichever replica, stands
     */
    boolean mayPoll(ProjectRef project, Turn turn);

    /**
     * The replicas that share the polls, this one included, as last seen: the request budget's share of each while
     * they cannot agree through Redis.
     */
    int replicas();

    /** The projects this replica holds through Redis now; 0 alone, where nothing is held. */
    int held();

    /** The replicas that should share the polls ({@code adapter.redis.replicas}); 1 alone. */
    default int expectedReplicas() {
        return 1;
    }

    /**
     * Since when this replica has seen fewer replicas than {@link #expectedReplicas()}, once that has lasted longer
     * than the lease time; empty while there are enough, and alone.
     */
    default Optional<Instant> fewerReplicasSince() {
        return Optional.empty();
    }
}
