-- KEYS[1] the archivist's lease; ARGV: this replica. Lets go of it if this replica holds it.
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end return 1
