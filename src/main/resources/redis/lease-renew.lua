-- KEYS[1] the heartbeats, KEYS[2..] leases this replica holds; ARGV: this replica, the lease time in ms. Renews this
-- replica's heartbeat and leases, forgets replicas silent for the lease time, and returns
-- {replicas alive, {indexes of the leases it no longer holds}}.
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
