package io.github.gitlabqueueadapter.config;

import io.smallrye.config.WithDefault;
import org.hibernate.validator.constraints.Range;

/** {@code adapter.status-page.*}: how much the status page at {@code /} renders at once. */
public interface StatusPageConfig {

    /**
     * Most projects the status page shows at once. Past it the page shows every pool and group, counts of the
     * projects by state, and a page of this many projects, those that cannot be read first, then stale ones, then the
     * longest wait ({@code ?page=2} for the next); each refresh renders one page, never all.
     */
    @WithDefault("200")
    @Range(min = 10, max = 5000, groups = AtStart.class)
    int maxProjects();
}
