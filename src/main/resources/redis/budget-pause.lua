-- KEYS[1] the pause; ARGV[1] its length in ms. Lengthens the pause, never shortens it.
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 1
