package io.github.gitlabqueueadapter.store;

/**
 * The Lua scripts of {@link RedisPollLeases}, each run atomically on Redis's clock: taking a project's lease by
 * rendezvous hashing over the replicas' heartbeats, renewing this replica's heartbeat and leases, letting go of them.
 */
final class LeaseScripts {

    /**
     * KEYS[1] the project's lease, KEYS[2] the replicas' heartbeats (a sorted set by Redis's time in ms); ARGV: this
     * replica, the lease time in ms, the project's key, the turn ("0" on time; "1" never polled: taken when free; "2"
     * overdue: its holder is stuck, and this replica takes it from them). Returns {answer, replicas alive}: 1 this
     * replica holds the project and polls it; 2 it held it, is no longer the one, and polls once more after letting
     * go; 0 another replica polls it.
     */
    static final String TAKE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local ttl = tonumber(ARGV[2])
            redis.call('ZADD', KEYS[2], now, ARGV[1])
            redis.call('PEXPIRE', KEYS[2], ttl * 2)
            local live = redis.call('ZRANGEBYSCORE', KEYS[2], now - ttl, '+inf')
            local best, bestHash = nil, nil
            for _, id in ipairs(live) do
              local h = redis.sha1hex(id .. '|' .. ARGV[3])
              if not bestHash or h > bestHash then best, bestHash = id, h end
            end
            local mine = best == ARGV[1]
            local cur = redis.call('GET', KEYS[1])
            if cur == ARGV[1] then
              if mine then
                redis.call('PEXPIRE', KEYS[1], ttl)
                return {1, #live}
              end
              redis.call('DEL', KEYS[1])
              return {2, #live}
            end
            if ARGV[4] == '2' or (not cur and (mine or ARGV[4] == '1')) then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
              return {1, #live}
            end
            return {0, #live}
            """;

    /**
     * KEYS[1] the heartbeats, KEYS[2..] leases this replica holds; ARGV: this replica, the lease time in ms. Renews
     * this replica's heartbeat and leases, forgets replicas silent for the lease time, and returns {replicas alive,
     * {indexes of the leases it no longer holds}}.
     */
    static final String RENEW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local ttl = tonumber(ARGV[2])
            redis.call('ZADD', KEYS[1], now, ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
            redis.call('PEXPIRE', KEYS[1], ttl * 2)
            local lost = {}
            for i = 2, #KEYS do
              if redis.call('GET', KEYS[i]) == ARGV[1] then
                redis.call('PEXPIRE', KEYS[i], ttl)
              else
                table.insert(lost, i - 1)
              end
            end
            return {redis.call('ZCARD', KEYS[1]), lost}
            """;

    /** KEYS[1] the heartbeats, KEYS[2..] leases; ARGV: this replica. Lets go of those it holds and leaves the list. */
    static final String RELEASE = """
            for i = 2, #KEYS do
              if redis.call('GET', KEYS[i]) == ARGV[1] then redis.call('DEL', KEYS[i]) end
            end
            redis.call('ZREM', KEYS[1], ARGV[1])
            return 1
            """;

    private LeaseScripts() {}
}
