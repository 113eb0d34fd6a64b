package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.domain.PoolRunnersRead;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What GitLab last said about each pool's runners and projects ({@link RunnerRefresh} writes, the queues read). Holds
 * one reading per configured pool: bounded by the configuration.
 */
@ApplicationScoped
public class RunnerFacts implements ResetForTests {

    private final Map<String, PoolRunnersRead> pools = new ConcurrentHashMap<>();

    /** The pool's last reading, or empty before its runners were first read. */
    public Optional<PoolRunnersRead> of(String pool) {
        return Optional.ofNullable(pools.get(pool));
    }

    void put(String pool, PoolRunnersRead read) {
        pools.put(pool, read);
    }

    /** Forgets every reading, as at start. */
    @Override
    public void reset() {
        pools.clear();
    }
}
