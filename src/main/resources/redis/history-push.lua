-- KEYS[1] a list; ARGV: most entries kept, TTL in ms, then the entries. Appends, trims and renews in one call; entries
-- are sorted by their time when read (calls may arrive out of order), and a list costs a sixth of a sorted set's
-- memory per entry.
for i = 3, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[i]) end
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[1]), -1)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
