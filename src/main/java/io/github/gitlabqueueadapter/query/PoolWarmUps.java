package io.github.gitlabqueueadapter.query;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.WarmUp;
import io.github.gitlabqueueadapter.domain.WarmUpLead;
import io.github.gitlabqueueadapter.insight.DemandProfiles;
import io.github.gitlabqueueadapter.insight.QueueMemories;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the weekly profile of a pool with warm-up expects just ahead: the lead (configured, or the pool's measured time
 * to capacity from its scaling timeline, or 2 minutes) and the busiest hour the profile knows within it.
 */
@ApplicationScoped
public class PoolWarmUps {

    /** The configured lead of each pool with warm-up; empty where the measured time to capacity decides. */
    private final Map<String, Optional<Duration>> leads = new TreeMap<>();

    private final DemandProfiles profiles;
    private final QueueMemories insight;

    PoolWarmUps(AdapterConfig config, DemandProfiles profiles, QueueMemories insight) {
        this.profiles = profiles;
        this.insight = insight;
        config.pools().forEach((name, pool) -> {
            if (pool.warmUp().enabled()) {
                leads.put(name, pool.warmUp().lead());
            }
        });
    }

    /** The pool's warm-up at {@code now}; empty for a pool without. */
    public Optional<WarmUp> at(String pool, Instant now) {
        Optional<Duration> configured = leads.get(pool);
        if (configured == null) {
            return Optional.empty();
        }
        Double measured = insight.find(QueueKey.pool(pool))
                .map(memory -> memory.timeline().capacity(now).medianSeconds())
                .orElse(null);
        return profiles.of(pool).map(profile -> WarmUp.of(profile, now, WarmUpLead.of(configured, measured)));
    }

    /** The pool's profile as its JSON shows it at {@code now}; empty for a pool without warm-up. */
    public Optional<ProfileView> profile(String pool, Instant now) {
        return profiles.of(pool).map(profile -> ProfileView.of(profile, now));
    }
}
