package io.github.gitlabqueueadapter.health;

import io.github.gitlabqueueadapter.poll.GroupDiscovery;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the configuration was accepted (else the process would not run), every group was listed once and every
 * project was polled once.
 * It does not follow GitLab's health afterwards: a GitLab outage must not take every replica out of the Service,
 * since the adapter still serves stale numbers and clear 503s. GitLab's state shows in {@link GitLabWellness}.
 */
@Readiness
@ApplicationScoped
public class FirstPollReadiness implements HealthCheck {

    private final QueuePoller poller;
    private final GroupDiscovery discovery;

    FirstPollReadiness(QueuePoller poller, GroupDiscovery discovery) {
        this.poller = poller;
        this.discovery = discovery;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("first-poll")
                .status(poller.firstRoundDone() && discovery.firstRoundDone())
                .withData("projectsPolled", poller.firstRoundDone())
                .withData("groupsListed", discovery.firstRoundDone())
                .build();
    }
}
