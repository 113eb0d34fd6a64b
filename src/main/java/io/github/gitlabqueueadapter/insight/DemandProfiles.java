package io.github.gitlabqueueadapter.insight;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.WarmUpConfig;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import io.github.gitlabqueueadapter.domain.WeeklyProfile;
import io.github.gitlabqueueadapter.store.ProfileArchive;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The weekly profile of demand of each pool with warm-up ({@code adapter.pools.<name>.warm-up.enabled}), fed with the
 * pool's samples (pending + running) as {@link InsightRecorder} takes them: one profile per such pool, so bounded by
 * the configuration. When an hour of a profile is counted, the profile goes to the {@link ProfileArchive} (with
 * Redis, the archivist writes it), and a replica that starts reads it back ({@link HistoryRestore}).
 */
@ApplicationScoped
public class DemandProfiles implements ResetForTests {

    private static final Logger LOG = Logger.getLogger(DemandProfiles.class);

    /** The zone of each pool with warm-up. */
    private final Map<String, ZoneId> zones = new TreeMap<>();

    private final Map<String, WeeklyProfile> profiles = new ConcurrentHashMap<>();
    private final ProfileArchive archive;

    DemandProfiles(AdapterConfig config, ProfileArchive archive) {
        this.archive = archive;
        config.pools().forEach((name, pool) -> {
            if (pool.warmUp().enabled()) {
                zones.put(name, zone(pool.warmUp()));
            }
        });
        reset();
    }

    /** The zone warm-up reads the hours of the week in: {@code warm-up.timezone}, UTC when not given. */
    static ZoneId zone(WarmUpConfig warmUp) {
        return warmUp.timezone().map(String::strip).map(ZoneId::of).orElse(ZoneId.of("UTC"));
    }

    /** A sample of a queue: for a pool with warm-up, {@code demand} (pending + running) at {@code at}. */
    void sampled(QueueKey key, Instant at, int demand) {
        if (key.kind() != QueueKind.POOL) {
            return;
        }
        WeeklyProfile[] before = new WeeklyProfile[1];
        WeeklyProfile after = profiles.computeIfPresent(key.name(), (name, profile) -> {
            before[0] = profile;
            return profile.observe(at, demand);
        });
        if (after != null && after.hoursCounted() > before[0].hoursCounted()) {
            archive.write(key.name(), after);
        }
    }

    /** The pool's profile; empty for a pool without warm-up. */
    public Optional<WeeklyProfile> of(String pool) {
        return Optional.ofNullable(profiles.get(pool));
    }

    /**
     * Reads back the profile the archive keeps for a pool with warm-up, into the hours this replica has not seen.
     *
     * @return false when it could not be read (worth asking again); true when read, or for any other queue
     */
    boolean restore(QueueKey key) {
        ZoneId zone = key.kind() == QueueKind.POOL ? zones.get(key.name()) : null;
        if (zone == null) {
            return true;
        }
        Optional<WeeklyProfile> kept = archive.read(key.name(), zone);
        kept.filter(profile -> profile.hoursSeen() > 0).ifPresent(profile -> {
            profiles.computeIfPresent(key.name(), (name, here) -> here.restoredFrom(profile));
            LOG.infof(
                    "Weekly profile of pool %s read back: %d hours of the week seen, up to %d weeks",
                    key.name(), profile.hoursSeen(), profile.weeksSeen());
        });
        return kept.isPresent();
    }

    /** Every profile empty, as at start. */
    @Override
    public void reset() {
        zones.forEach((name, zone) -> profiles.put(name, WeeklyProfile.empty(zone)));
    }
}
