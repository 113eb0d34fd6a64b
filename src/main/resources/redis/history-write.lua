-- KEYS[1] the queue's samples, KEYS[2] its runners; ARGV: the sample, max-samples, the retention in ms, the runners.
-- One call, so a slot's sample and its runners are written together; calls may arrive out of order over the client's
-- connections, so samples are sorted by their time when read.
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[3])
return 1
