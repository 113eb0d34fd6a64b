package io.github.gitlabqueueadapter.ops;

import io.github.gitlabqueueadapter.domain.PollBudget;
import io.github.gitlabqueueadapter.watch.BudgetAllowances;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Informational ({@code /q/health/well}, not part of liveness or readiness): whether the request budget polls every
 * watched project often enough for {@code adapter.max-staleness} to hold, with the arithmetic's numbers. DOWN means
 * numbers wait their turn in the budget and are served as stale meanwhile; it never stops the adapter serving them.
 */
@Wellness
@ApplicationScoped
public class BudgetWellness implements HealthCheck {

    private final BudgetAllowances budget;

    BudgetWellness(BudgetAllowances budget) {
        this.budget = budget;
    }

    @Override
    public HealthCheckResponse call() {
        PollBudget.Allowance allowance = budget.current();
        var response = HealthCheckResponse.named("request-budget")
                .status(allowance.meets())
                .withData("watchedProjects", allowance.projects())
                .withData("requestsPerMinuteNeeded", Math.round(allowance.neededPerMinute()))
                .withData("requestsPerMinuteUsable", Math.round(allowance.usablePerMinute()))
                .withData("pollEverySeconds", allowance.interval().toSeconds())
                .withData("busyPollEverySeconds", allowance.busyInterval().toSeconds())
                .withData("maxStalenessSeconds", allowance.maxStaleness().toSeconds());
        if (!allowance.meets()) {
            response.withData(
                    "waysOut",
                    "job events (events first), a larger gitlab.requests-per-minute, fewer projects, or"
                            + " adapter.max-staleness of at least "
                            + (allowance.maxStalenessNeeded().toSeconds() + 1) + "s");
        }
        return response.build();
    }
}
