-- KEYS[1] the project's hash; ARGV: channel, project key. Deletes it and announces 'del <project>'.
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[1], 'del ' .. ARGV[2])
return 1
