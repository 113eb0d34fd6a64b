-- KEYS[1] a sorted set; ARGV: most entries kept, TTL in ms, then pairs of time (epoch ms, the score) and entry. Adds,
-- keeps the newest and renews in one call; sorted by time, so calls arriving out of order (over the client's
-- connections) keep the right ones.
for i = 3, #ARGV, 2 do redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -tonumber(ARGV[1]) - 1)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
