-- KEYS[1] the next free slot (Redis time in microseconds), KEYS[2] the pause; ARGV[1] the spacing in microseconds.
-- Books the slot at or after now, the next free one and the pause's end, and returns the microseconds from now until
-- it.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local pause = redis.call('PTTL', KEYS[2])
if pause > 0 then slot = math.max(slot, now + pause * 1000) end
local nxt = slot + tonumber(ARGV[1])
redis.call('SET', KEYS[1], string.format('%.0f', nxt), 'PX', math.floor((nxt - now) / 1000) + 1000)
return string.format('%.0f', slot - now)
