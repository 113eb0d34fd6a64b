-- KEYS[1] the heartbeats, KEYS[2..] leases; ARGV: this replica. Lets go of those it holds and leaves the list.
for i = 2, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then redis.call('DEL', KEYS[i]) end
end
redis.call('ZREM', KEYS[1], ARGV[1])
return 1
