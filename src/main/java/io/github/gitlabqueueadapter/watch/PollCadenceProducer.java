package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.domain.PollCadence;
import io.github.gitlabqueueadapter.gitlab.ProjectGuards;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/** The configured {@link PollCadence}: the poller schedules by it, the readers judge freshness by it. */
class PollCadenceProducer {

    /**
     * One cadence for the whole application: it follows from the configuration only. Events never make a project
     * polled more often: a reconcile interval shorter than the poll interval acts as the poll interval.
     */
    @Produces
    @Singleton
    PollCadence cadence(AdapterConfig adapter, GitLabConfig gitlab) {
        Duration reconcile = adapter.reconcileInterval().compareTo(adapter.pollInterval()) < 0
                ? adapter.pollInterval()
                : adapter.reconcileInterval();
        return new PollCadence(
                adapter.pollInterval(),
                reconcile,
                ProjectGuards.longestAttempts(gitlab.timeout(), gitlab.maxRetries()),
                adapter.maxStaleness());
    }
}
