package io.github.gitlabqueueadapter.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.gitlabqueueadapter.domain.RunnerHours;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a pool's runners did and cost, by day: runner-hours busy (running its jobs) and provisioned (there, busy or
 * idle), counted from the pool's readings since this replica started.
 *
 * @param pricePerRunnerHour the pool's {@code cost-per-runner-hour}; absent without one (and so is each day's cost)
 * @param timezone the zone whose midnight ends a day ({@code adapter.cost.timezone})
 * @param days today and the days before it, newest first, at most {@code adapter.cost.days}; a day with no reading
 *     is left out
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CostView(Double pricePerRunnerHour, String timezone, List<Day> days) {

    /**
     * One day. Hours are rounded to 3 decimals, shares and costs to 4.
     *
     * @param busyRunnerHours the hours of each runner running the pool's jobs, summed: {@code ceil(running /
     *     capacity-per-runner)} over time
     * @param provisionedRunnerHours the hours of each runner there, busy or idle, summed; absent when never known
     *     this day
     * @param idleShare the share of the provisioned runner-hours that no job used ({@code 1 - busy / provisioned}
     *     while busy never exceeds provisioned); absent when provisioned is unknown or 0
     * @param cost the provisioned runner-hours at {@code pricePerRunnerHour}; absent without a price or without
     *     provisioned runner-hours
     * @param provisionedFrom {@code keda} (the KEDA objects reading the pool), {@code desired} (the pool's
     *     {@code desired}), {@code mixed} (both, each for part of the day); absent when never known
     * @param idleRunnerHours the provisioned runner-hours no job used; absent with {@code provisionedRunnerHours}
     * @param talliedHours how much of the day the readings cover: less than the day's hours for today, a day this
     *     replica started in, or one with gaps longer than 5 minutes between readings
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Day(
            LocalDate date,
            double busyRunnerHours,
            Double provisionedRunnerHours,
            Double idleShare,
            Double cost,

            @Schema(enumeration = {"keda", "desired", "mixed"})
            String provisionedFrom,

            Double idleRunnerHours,
            double talliedHours) {}

    static CostView of(RunnerHours tally, OptionalDouble price) {
        Double perHour = price.isPresent() ? price.getAsDouble() : null;
        List<Day> days = tally.days().stream()
                .map(day -> new Day(
                        day.date(),
                        round(day.busyRunnerHours(), 3),
                        round(day.provisionedRunnerHours(), 3),
                        round(day.idleShare(), 4),
                        perHour == null ? null : round(day.cost(perHour), 4),
                        day.provisionedFrom(),
                        round(day.idleRunnerHours(), 3),
                        round(day.talliedSeconds() / 3600, 3)))
                .toList();
        return new CostView(perHour, tally.zone().getId(), days);
    }

    private static Double round(Double value, int decimals) {
        return value == null
                ? null
                : BigDecimal.valueOf(value)
                        .setScale(decimals, RoundingMode.HALF_UP)
                        .doubleValue();
    }
}
