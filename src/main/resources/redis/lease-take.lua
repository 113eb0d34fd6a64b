-- KEYS[1] the project's lease, KEYS[2] the replicas' heartbeats (a sorted set by Redis's time in ms); ARGV: this
-- replica, the lease time in ms, the project's key, the turn ("0" on time; "1" never polled: taken when free; "2"
-- overdue: its holder is stuck, and this replica takes it from them). Returns {answer, replicas alive}: 1 this
-- replica holds the project and polls it; 2 it held it, is no longer the one, and polls once more after letting go;
-- 0 another replica polls it. The one is the live replica whose hash with the project is highest (rendezvous hashing).
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
