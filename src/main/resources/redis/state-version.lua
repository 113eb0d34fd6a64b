-- The version part of state-whole.lua and state-delta.lua, which it comes before: KEYS[1] the project's hash,
-- ARGV[1] the version the writer built on ("0": none). Returns {0, version} when Redis holds another; else sets vs,
-- the new version: Redis's clock in microseconds, at least one more than the one before, so that it grows across a
-- restart of Redis and after a key expired, and an old announcement never passes for a new one.
local cur = redis.call('HGET', KEYS[1], 'v')
if not cur then cur = '0' end
if cur ~= ARGV[1] then return {0, cur} end
local t = redis.call('TIME')
local vs = string.format('%.0f', math.max(tonumber(cur) + 1, tonumber(t[1]) * 1000000 + tonumber(t[2])))
