package io.github.gitlabqueueadapter.ui;

import io.github.gitlabqueueadapter.domain.PollBudget;
import java.util.Locale;

/**
 * What the request budget allows, as the status page says it: "Request budget: 2000 projects need 8000 requests a
 * minute of the 490 it gives: each polled about every 204 s (busy ones every 15 s); adapter.max-staleness (120 s)
 * cannot hold: numbers are stale while they wait their turn".
 */
final class BudgetLine {

    private BudgetLine() {}

    static String of(PollBudget.Allowance allowance) {
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "Request budget: %d projects need %.0f requests a minute of the %.0f it gives",
                allowance.projects(),
                allowance.neededPerMinute(),
                allowance.usablePerMinute()));
        if (!allowance.projectsWait()) {
            return line.append(": each polled on its interval").toString();
        }
        line.append(": each polled about every ")
                .append(allowance.interval().toSeconds())
                .append(" s (busy ones every ")
                .append(allowance.busyInterval().toSeconds())
                .append(" s)");
        if (!allowance.meets()) {
            line.append("; adapter.max-staleness (")
                    .append(allowance.maxStaleness().toSeconds())
                    .append(" s) cannot hold: numbers are stale while they wait their turn (see /q/health/well)");
        }
        return line.toString();
    }
}
