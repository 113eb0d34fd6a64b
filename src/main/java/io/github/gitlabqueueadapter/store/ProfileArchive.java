package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.domain.WeeklyProfile;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Where the pools' weekly profiles of demand outlive a replica. Alone ({@code adapter.store=memory}) they live in the
 * process only; with Redis, the replica that writes the history writes each pool's profile when an hour is over, and a
 * replica that starts reads it back, so that its warm-up does not start from nothing.
 */
public interface ProfileArchive {

    /** Alone: nothing outlives the process. */
    ProfileArchive ALONE = new ProfileArchive() {
        @Override
        public void write(String pool, WeeklyProfile profile) {}

        @Override
        public Optional<WeeklyProfile> read(String pool, ZoneId zone) {
            return Optional.of(WeeklyProfile.empty(zone));
        }
    };

    /** The pool's profile, just after an hour of it was counted; never waits. */
    void write(String pool, WeeklyProfile profile);

    /**
     * The pool's profile as kept, read in {@code zone}: an empty one when none is kept, or only one of another zone
     * (its hours are other hours). Waits at most {@code adapter.redis.timeout}; empty when it could not be read (Redis
     * away, or too slow): worth asking again.
     */
    Optional<WeeklyProfile> read(String pool, ZoneId zone);
}
