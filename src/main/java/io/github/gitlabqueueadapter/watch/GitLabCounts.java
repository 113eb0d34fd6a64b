package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.domain.GitLabCount;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What GitLab last counted for each pool of runners ({@code gitlab.instance-count=graphql}; {@link GitLabCountRefresh}
 * writes, the queues read), and whether GitLab refused to count: then no pool has a count, and every pool counts by the
 * model of GitLab's matcher until {@link #refusedUntil()}. One count per configured pool: bounded by the configuration.
 */
@ApplicationScoped
public class GitLabCounts implements ResetForTests {

    private final Map<String, GitLabCount> counts = new ConcurrentHashMap<>();
    private volatile Instant refusedUntil;
    private volatile String refusal;

    /** The pool's count by GitLab, or empty when the pool counts by the model (off, refused, not read yet). */
    public Optional<GitLabCount> of(String pool) {
        return Optional.ofNullable(counts.get(pool));
    }

    void put(String pool, GitLabCount count) {
        counts.put(pool, count);
    }

    /** GitLab refused: every pool counts by the model until {@code until}. */
    void refuse(String reason, Instant until) {
        refusal = reason;
        refusedUntil = until;
        counts.clear();
    }

    /** Why GitLab refused to count, or null when it did not (or that was long enough ago to try again). */
    String refusal() {
        return refusal;
    }

    /** Until when GitLab is not asked again after a refusal; null when it did not refuse. */
    Instant refusedUntil() {
        return refusedUntil;
    }

    /** GitLab counted again after a refusal. */
    void accepted() {
        refusal = null;
        refusedUntil = null;
    }

    /** Forgets every count and refusal, as at start. */
    @Override
    public void reset() {
        counts.clear();
        accepted();
    }
}
