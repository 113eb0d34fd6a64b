-- After state-version.lua. Like state-whole.lua, but writes only the fields an event changed: ARGV[6] the change as
-- text (for the announcement), ARGV[7] how many fields are removed, those fields, then field, value, ...
-- {2, version} when the hash is not of format 2 (it must be written whole). Announces
-- 'delta <version> <previous version> <writer> <project>', a newline and the change, so that a replica holding the
-- previous version applies it without reading Redis.
if redis.call('HEXISTS', KEYS[1], 'm') == 0 then return {2, cur} end
local removed = tonumber(ARGV[7])
if removed > 0 then redis.call('HDEL', KEYS[1], unpack(ARGV, 8, 7 + removed)) end
redis.call('HSET', KEYS[1], 'v', vs, unpack(ARGV, 8 + removed, #ARGV))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PUBLISH', ARGV[3], 'delta ' .. vs .. ' ' .. cur .. ' ' .. ARGV[5] .. ' ' .. ARGV[4] .. '\n'
  .. ARGV[6])
return {1, vs}
