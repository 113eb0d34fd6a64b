package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.WeeklyProfile;
import io.github.gitlabqueueadapter.store.RedisCalls.Unreachable;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * The pools' weekly profiles in Redis ({@code adapter.store=redis}): every replica samples the same shared states, so
 * every replica keeps the same profile, and one writes it: the archivist, which writes the history
 * ({@link RedisHistoryArchive}). A pool's profile is one small hash, {@code <prefix>profile:<pool>}: {@code zone} and,
 * for each hour of the week seen, {@code h<hour>} = {@code <mean> <weeks>} (at most {@value WeeklyProfile#HOURS}
 * hours, about 3 KB); written whole when an hour of it is counted, it expires {@link #KEPT} after its last write, so
 * that a pool removed from the configuration leaves nothing behind for long. Writes never wait; while Redis is away
 * they are lost, and the profile in memory goes on.
 */
@Singleton
@Typed(RedisProfileArchive.class)
public class RedisProfileArchive implements ProfileArchive {

    private static final Logger LOG = Logger.getLogger(RedisProfileArchive.class);

    /** Replaces a pool's profile and renews it ({@code redis/profile-write.lua}). */
    static final LuaScript WRITE = LuaScript.of("profile-write");

    /** How long a profile no replica writes is kept: a week and a day, beyond which a week was missed whole. */
    static final Duration KEPT = Duration.ofDays(8);

    private final RedisCalls calls;
    private final String prefix;
    private final BooleanSupplier writer;

    @Inject
    RedisProfileArchive(Instance<Redis> redis, AdapterConfig config, RedisHistoryArchive history) {
        this(redis.get(), config.redis().keyPrefix(), config.redis().timeout(), history::writer);
    }

    /** @param writer whether this replica is the archivist now */
    RedisProfileArchive(Redis redis, String prefix, Duration timeout, BooleanSupplier writer) {
        this.calls = new RedisCalls(redis, timeout);
        this.prefix = prefix;
        this.writer = writer;
    }

    @Override
    public void write(String pool, WeeklyProfile profile) {
        if (!writer.getAsBoolean()) {
            return;
        }
        LuaScript.Call call = WRITE.call(1)
                .arg(key(pool))
                .arg(KEPT.toMillis())
                .arg("zone")
                .arg(profile.zone().getId());
        List<WeeklyProfile.Hour> hours = profile.hours();
        for (int i = 0; i < hours.size(); i++) {
            if (hours.get(i).seen()) {
                call.arg("h" + i).arg(hours.get(i).mean() + " " + hours.get(i).weeks());
            }
        }
        calls.send(call).onFailure(e -> LOG.debugf("A profile write to Redis failed: %s", e.getMessage()));
    }

    @Override
    public Optional<WeeklyProfile> read(String pool, ZoneId zone) {
        Response hash;
        try {
            hash = calls.call(Request.cmd(Command.HGETALL).arg(key(pool)));
        } catch (Unreachable e) {
            LOG.debugf("The profile of pool %s could not be read from Redis (%s)", pool, e.getMessage());
            return Optional.empty();
        }
        Map<String, String> fields = fields(hash);
        if (!zone.getId().equals(fields.remove("zone"))) {
            return Optional.of(WeeklyProfile.empty(zone));
        }
        Map<Integer, WeeklyProfile.Hour> hours = new HashMap<>();
        fields.forEach((field, value) -> hour(field, value, hours));
        return Optional.of(WeeklyProfile.of(zone, hours));
    }

    /** The hash's fields, at most a profile's worth (more than that is not a profile this wrote). */
    private static Map<String, String> fields(Response hash) {
        Map<String, String> all = new HashMap<>();
        if (hash == null || hash.size() > 2 * (WeeklyProfile.HOURS + 1)) {
            return all;
        }
        if (hash.isMap()) {
            hash.getKeys().forEach(field -> all.put(field, hash.get(field).toString()));
        } else {
            for (int i = 0; i + 1 < hash.size(); i += 2) {
                all.put(hash.get(i).toString(), hash.get(i + 1).toString());
            }
        }
        return all;
    }

    /** {@code h9} = {@code 7.5 2}; a field that is not an hour of the week, or not a mean and weeks, is left out. */
    private static void hour(String field, String value, Map<Integer, WeeklyProfile.Hour> hours) {
        try {
            int index = Integer.parseInt(field.substring(1));
            String[] meanAndWeeks = value.split(" ");
            if (field.startsWith("h") && index >= 0 && index < WeeklyProfile.HOURS && meanAndWeeks.length == 2) {
                WeeklyProfile.Hour hour =
                        new WeeklyProfile.Hour(Double.parseDouble(meanAndWeeks[0]), Integer.parseInt(meanAndWeeks[1]));
                if (hour.seen()) {
                    hours.put(index, hour);
                }
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            LOG.debugf("A field of a profile in Redis is not an hour of the week: %s", field);
        }
    }

    private String key(String pool) {
        return prefix + "profile:" + pool;
    }
}
