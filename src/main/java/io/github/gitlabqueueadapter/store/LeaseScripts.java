package io.github.gitlabqueueadapter.store;

/**
 * The Lua scripts of {@link RedisPollLeases} ({@code redis/lease-*.lua}, which say their keys, arguments and answers),
 * each run atomically on Redis's clock: taking a project's lease by rendezvous hashing over the replicas' heartbeats,
 * renewing this replica's heartbeat and leases, letting go of them.
 */
final class LeaseScripts {

    /** Takes a project's lease when this replica is the one to poll it, or tells who else polls it. */
    static final LuaScript TAKE = LuaScript.of("lease-take");

    /** Renews this replica's heartbeat and leases; says how many replicas live and which leases it lost. */
    static final LuaScript RENEW = LuaScript.of("lease-renew");

    /** Lets go of this replica's leases and takes it off the heartbeats. */
    static final LuaScript RELEASE = LuaScript.of("lease-release");

    private LeaseScripts() {}
}
