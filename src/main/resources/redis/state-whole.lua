-- After state-version.lua. KEYS[1] the project's hash; ARGV: expected version ("0": none), TTL in ms, channel,
-- project key, the writing replica (named in the announcement, so that it knows its own writes however early it reads
-- them), then field, value, ... Replaces the hash and returns {1, new version}.
-- Announces 'set <version> <writer> <project>'.
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'v', vs)
for i = 6, #ARGV, 1000 do
  redis.call('HSET', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PUBLISH', ARGV[3], 'set ' .. vs .. ' ' .. ARGV[5] .. ' ' .. ARGV[4])
return {1, vs}
