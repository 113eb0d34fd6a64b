package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.store.RedisCalls.Unreachable;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The project states as Redis holds them: the key layout, the scripts that write a state only at the version the
 * writer built on, and the reads. It keeps nothing itself; {@link RedisSnapshotStore} keeps the local copies.
 */
final class RedisProjectStates {

    private static final Logger LOG = Logger.getLogger(RedisProjectStates.class);

    /** Most projects read from Redis at once; far above what one deployment watches. */
    static final int MAX_PROJECTS = 100_000;

    /**
     * KEYS[1] the project's hash; ARGV: expected version ("0": none), JSON, TTL in ms, channel, project key, this
     * replica (named in the announcement, so that it knows its own writes however early it reads them). Writes
     * when the version is the expected one and returns {1, new version}; else {0, version, JSON} (or {0, "0"} when
     * there is none). A version is Redis's clock in microseconds, at least one more than the one before: it grows
     * across a restart of Redis and after a key expired, so an old announcement never passes for a new one.
     */
    static final String SWAP = """
            local cur = redis.call('HGET', KEYS[1], 'v')
            if not cur then cur = '0' end
            if cur ~= ARGV[1] then
              local s = redis.call('HGET', KEYS[1], 's')
              if s then return {0, cur, s} end
              return {0, '0'}
            end
            local t = redis.call('TIME')
            local v = math.max(tonumber(cur) + 1, tonumber(t[1]) * 1000000 + tonumber(t[2]))
            local vs = string.format('%.0f', v)
            redis.call('HSET', KEYS[1], 'v', vs, 's', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            redis.call('PUBLISH', ARGV[4], 'set ' .. vs .. ' ' .. ARGV[6] .. ' ' .. ARGV[5])
            return {1, vs}
            """;

    /** KEYS[1] the project's hash; ARGV: channel, project key. */
    static final String DELETE = """
            redis.call('DEL', KEYS[1])
            redis.call('PUBLISH', ARGV[1], 'del ' .. ARGV[2])
            return 1
            """;

    /** A state as Redis holds it. */
    record Stored(long version, ProjectState state) {}

    /** The answer of {@link #SWAP}: written at {@code version}, or not, and then what Redis holds (null: none). */
    record Swap(boolean written, long version, ProjectState current) {}

    private final RedisCalls calls;
    private final String keyPrefix;
    private final String projectKeys;
    private final String channel;
    private final String writer;
    private final Duration ttl;
    private final StateCodec codec = new StateCodec();

    /** @param writer this store's name in its announcements */
    RedisProjectStates(RedisCalls calls, String keyPrefix, Duration ttl, String writer) {
        this.calls = calls;
        this.keyPrefix = keyPrefix;
        this.projectKeys = keyPrefix + "project:";
        this.channel = keyPrefix + "changes";
        this.ttl = ttl;
        this.writer = writer;
    }

    /** The channel every write is announced on. */
    String channel() {
        return channel;
    }

    /** Writes {@code changed} if Redis still holds {@code expected} (0: no state). */
    Swap swap(ProjectRef project, long expected, ProjectState changed) throws Unreachable {
        Response answer = calls.call(Request.cmd(Command.EVAL)
                .arg(SWAP)
                .arg(1)
                .arg(key(project))
                .arg(Long.toString(expected))
                .arg(codec.encode(changed))
                .arg(ttl.toMillis())
                .arg(channel)
                .arg(project.key())
                .arg(writer));
        boolean written = answer.get(0).toInteger() == 1;
        long version = Long.parseLong(answer.get(1).toString());
        ProjectState current = written || answer.size() < 3
                ? null
                : decode(project, answer.get(2).toString());
        return new Swap(written, version, current);
    }

    /** Deletes a project's state and announces it. */
    void delete(ProjectRef project) throws Unreachable {
        calls.call(Request.cmd(Command.EVAL)
                .arg(DELETE)
                .arg(1)
                .arg(key(project))
                .arg(channel)
                .arg(project.key()));
    }

    /** The state Redis holds for a project, or null; a state that cannot be read counts as none (and is logged). */
    Stored fetch(ProjectRef project) throws Unreachable {
        Response answer =
                calls.call(Request.cmd(Command.HMGET).arg(key(project)).arg("v").arg("s"));
        if (answer == null || answer.get(0) == null || answer.get(1) == null) {
            return null;
        }
        ProjectState state = decode(project, answer.get(1).toString());
        return state == null ? null : new Stored(Long.parseLong(answer.get(0).toString()), state);
    }

    /** Every state under the key prefix, read in batches. */
    Map<ProjectRef, Stored> readAll() throws Unreachable {
        Map<ProjectRef, Stored> found = new HashMap<>();
        String cursor = "0";
        do {
            Response page = calls.call(Request.cmd(Command.SCAN)
                    .arg(cursor)
                    .arg("MATCH")
                    .arg(glob(projectKeys) + "*")
                    .arg("COUNT")
                    .arg(500));
            cursor = page.get(0).toString();
            List<String> keys = new ArrayList<>();
            page.get(1).forEach(key -> keys.add(key.toString()));
            List<Future<Response>> states = new ArrayList<>();
            for (String key : keys) {
                states.add(calls.client()
                        .send(Request.cmd(Command.HMGET).arg(key).arg("v").arg("s")));
            }
            for (int i = 0; i < keys.size(); i++) {
                Response answer = calls.await(states.get(i));
                if (answer == null || answer.get(0) == null || answer.get(1) == null) {
                    continue; // expired or removed since the scan
                }
                String name = keys.get(i).substring(projectKeys.length());
                ProjectRef project;
                try {
                    project = ProjectRef.parse(name);
                } catch (IllegalArgumentException e) {
                    continue; // not a key this adapter writes
                }
                ProjectState state = decode(project, answer.get(1).toString());
                if (state != null) {
                    found.put(
                            state.project(),
                            new Stored(Long.parseLong(answer.get(0).toString()), state));
                }
            }
            if (found.size() >= MAX_PROJECTS) {
                LOG.warnf(
                        "Redis holds more than %d project states under %s; the rest are not read",
                        MAX_PROJECTS, keyPrefix);
                break;
            }
        } while (!"0".equals(cursor));
        return found;
    }

    private ProjectState decode(ProjectRef project, String json) {
        try {
            return codec.decode(json);
        } catch (IllegalArgumentException e) {
            LOG.warnf(
                    "Redis holds a state for %s that this replica cannot read (%s); it is replaced at the next write",
                    project.name(), e.getMessage());
            return null;
        }
    }

    private String key(ProjectRef project) {
        return projectKeys + project.key();
    }

    /** The prefix as a SCAN pattern: its glob characters escaped. */
    private static String glob(String prefix) {
        return prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }
}
