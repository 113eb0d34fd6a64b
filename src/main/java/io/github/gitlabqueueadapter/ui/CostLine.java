package io.github.gitlabqueueadapter.ui;

import io.github.gitlabqueueadapter.query.CostView;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A pool's runner-hours of its newest day as its status card says them: "2026-12-14 UTC: 4 runner-h busy of 6
 * provisioned (desired), 33 % idle, cost 3".
 */
final class CostLine {

    private CostLine() {}

    /** The newest day's line; empty for a queue with nothing tallied (not a pool, or read once). */
    static String of(CostView cost) {
        if (cost == null || cost.days().isEmpty()) {
            return "";
        }
        CostView.Day day = cost.days().get(0);
        StringBuilder line = new StringBuilder()
                .append(day.date())
                .append(' ')
                .append(cost.timezone())
                .append(": ")
                .append(number(day.busyRunnerHours()))
                .append(" runner-h busy");
        if (day.provisionedRunnerHours() == null) {
            return line.append("; provisioned runners unknown").toString();
        }
        line.append(" of ")
                .append(number(day.provisionedRunnerHours()))
                .append(" provisioned (")
                .append(day.provisionedFrom())
                .append(')');
        if (day.idleShare() != null) {
            line.append(", ").append(Math.round(day.idleShare() * 100)).append(" % idle");
        }
        if (day.cost() != null) {
            line.append(", cost ").append(number(day.cost()));
        }
        return line.toString();
    }

    /** At most 2 decimals, none that are 0: "4", "0.17". */
    private static String number(double value) {
        return BigDecimal.valueOf(value)
                .setScale(2, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }
}
