package io.github.gitlabqueueadapter.gitlab;

import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.store.BudgetSlots;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one {@link RequestBudget} of this GitLab, on the application's clock. */
class RequestBudgets {

    /** Singleton: every request to GitLab, of every project and listing, shares one pace (with Redis, all replicas). */
    @Produces
    @Singleton
    RequestBudget budget(GitLabConfig gitlab, Clock clock, BudgetSlots shared) {
        return new RequestBudget(
                gitlab.requestsPerMinute(),
                clock,
                wait -> Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000),
                shared);
    }
}
