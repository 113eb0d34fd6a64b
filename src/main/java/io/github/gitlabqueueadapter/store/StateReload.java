package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.store.RedisCalls.Unreachable;
import io.github.gitlabqueueadapter.store.RedisProjectStates.Stored;
import java.util.Map;

/**
 * Joining Redis, at start and after an outage: subscribes to the change feed, then reads every state Redis holds into
 * this replica's copies, keeping the newer of each pair; a copy of a project Redis no longer holds is marked to be
 * written back. Subscribing comes first, so that no change made while the states are read is missed.
 */
final class StateReload {

    private final ChangeFeed feed;
    private final RedisProjectStates states;
    private final LocalCopies copies;

    StateReload(ChangeFeed feed, RedisProjectStates states, LocalCopies copies) {
        this.feed = feed;
        this.states = states;
        this.copies = copies;
    }

    /** @return the states read */
    int join() throws Unreachable {
        feed.subscribe();
        Map<ProjectRef, Stored> inRedis = states.readAll();
        inRedis.forEach(copies::keepShared);
        copies.lostAllBut(inRedis.keySet()); // Redis lost them: written back
        return inRedis.size();
    }
}
