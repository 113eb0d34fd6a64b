package io.github.gitlabqueueadapter.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.WeeklyProfile;
import io.github.gitlabqueueadapter.store.ProfileArchive;
import io.github.gitlabqueueadapter.support.TestConfigs;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The weekly profiles of the pools with warm-up: fed by their samples, handed to the archive when an hour is counted,
 * and read back into the hours a starting replica has not seen. Pool {@code warm} reads its hours in Berlin; pool
 * {@code cold} has no warm-up. 2026-12-07 is a Monday.
 */
class DemandProfilesTest {

    private static final QueueKey WARM = QueueKey.pool("warm");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** An archive that keeps what is written and answers reads with {@code kept} (empty: Redis away). */
    private static final class Archive implements ProfileArchive {
        final List<String> written = new ArrayList<>();
        Optional<WeeklyProfile> kept = Optional.empty();

        @Override
        public void write(String pool, WeeklyProfile profile) {
            written.add(
                    pool + " " + profile.hoursCounted() + " " + profile.hours().get(9));
        }

        @Override
        public Optional<WeeklyProfile> read(String pool, ZoneId zone) {
            return kept;
        }
    }

    private final Archive archive = new Archive();
    private final DemandProfiles profiles = new DemandProfiles(
            TestConfigs.adapter(
                    "adapter.pools.warm.projects", "g/app",
                    "adapter.pools.warm.warm-up.enabled", "true",
                    "adapter.pools.warm.warm-up.timezone", "Europe/Berlin",
                    "adapter.pools.cold.projects", "g/app",
                    "adapter.pools.cold.capacity-per-runner", "2"),
            archive);

    @Test
    void aPoolsSamplesFeedItsProfileAndAnHourCountedGoesToTheArchive() {
        profiles.sampled(WARM, Instant.parse("2026-12-07T08:00:00Z"), 3); // Monday 09:00 in Berlin
        profiles.sampled(WARM, Instant.parse("2026-12-07T08:30:00Z"), 8);
        assertEquals(List.of(), archive.written, "the hour is not over");

        profiles.sampled(WARM, Instant.parse("2026-12-07T09:00:00Z"), 0);
        profiles.sampled(WARM, Instant.parse("2026-12-07T09:10:00Z"), 1);

        assertEquals(List.of("warm 1 Hour[mean=8.0, weeks=1]"), archive.written, "written once, when 09:00 is over");
        assertEquals(8, profiles.of("warm").orElseThrow().hours().get(9).jobs());
    }

    @Test
    void onlyPoolsWithWarmUpHaveAProfile() {
        profiles.sampled(QueueKey.pool("cold"), Instant.parse("2026-12-07T08:00:00Z"), 3);
        profiles.sampled(QueueKey.project("g/app"), Instant.parse("2026-12-07T09:00:00Z"), 3);

        assertEquals(Optional.empty(), profiles.of("cold"));
        assertEquals(List.of(), archive.written);
        assertTrue(profiles.restore(QueueKey.pool("cold")), "nothing to read back");
    }

    @Test
    void aStartingReplicaReadsBackTheHoursItHasNotSeen() {
        assertFalse(profiles.restore(WARM), "Redis away: worth asking again");

        archive.kept = Optional.of(WeeklyProfile.of(BERLIN, Map.of(9, new WeeklyProfile.Hour(7.5, 2))));
        assertTrue(profiles.restore(WARM));

        assertEquals(
                new WeeklyProfile.Hour(7.5, 2),
                profiles.of("warm").orElseThrow().hours().get(9));
        profiles.reset();
        assertEquals(0, profiles.of("warm").orElseThrow().hoursSeen(), "a test starts afresh");
    }
}
