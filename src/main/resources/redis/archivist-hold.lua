-- KEYS[1] the archivist's lease; ARGV: this replica, TTL in ms. Takes or renews it; 1 when this replica holds it.
local cur = redis.call('GET', KEYS[1])
if cur == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if not cur then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0
