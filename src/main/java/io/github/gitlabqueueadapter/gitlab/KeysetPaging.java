package io.github.gitlabqueueadapter.gitlab;

import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Whether jobs lists are read by keyset: {@code gitlab.pagination}, and what this GitLab has shown. A GitLab that
 * refuses keyset paging (before 15.9 some answer 405, "Keyset pagination is not yet available for this type of
 * request") or ignores it (answers with {@code X-Next-Page}) is remembered for the life of the process, for every
 * project: later polls ask by offset at once instead of paying a refused request each, and the log says so once.
 */
@ApplicationScoped
public class KeysetPaging implements ResetForTests {

    private static final Logger LOG = Logger.getLogger(KeysetPaging.class);

    private final boolean configured;
    private final AtomicBoolean unavailable = new AtomicBoolean();

    KeysetPaging(GitLabConfig gitlab) {
        this.configured = gitlab.pagination() == GitLabConfig.Pagination.KEYSET;
    }

    /** Whether the next read of a jobs list asks by keyset. */
    boolean keyset() {
        return configured && !unavailable.get();
    }

    /**
     * From now on jobs lists are read by offset; the first call says so in the log.
     *
     * @param how what GitLab answered, for the log
     */
    void unavailable(String how) {
        if (unavailable.compareAndSet(false, true)) {
            LOG.warnf(
                    "Keyset paging is not available on this GitLab (%s): jobs lists are read with offset paging from"
                            + " now on, which can skip or repeat jobs that finish while a list is read; GitLab 15.9"
                            + " or later pages jobs by keyset (set gitlab.pagination=offset to stop asking)",
                    how);
        }
    }

    /** Forgets what GitLab has shown, as at the start. */
    @Override
    public void reset() {
        unavailable.set(false);
    }
}
