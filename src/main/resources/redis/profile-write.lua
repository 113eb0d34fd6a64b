-- KEYS[1] a pool's weekly profile (a hash); ARGV: the TTL in ms, then pairs of field and value: 'zone' and its IANA
-- name, 'h<hour of the week>' and '<mean> <weeks>' for each hour seen. Replaces the whole hash and renews it in one
-- call, so a reader never sees half of one profile and half of another.
redis.call('DEL', KEYS[1])
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
