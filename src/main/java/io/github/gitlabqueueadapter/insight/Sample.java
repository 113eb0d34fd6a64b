package io.github.gitlabqueueadapter.insight;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * One moment of a queue's history, as {@code GET /queues/{kind}/{name}/history} shows it.
 *
 * @param forecastPending what the forecast said at {@code at} for {@code at + adapter.forecast.horizon}
 */
@RegisterForReflection
public record Sample(Instant at, int pending, int running, double oldestPendingSeconds, int forecastPending) {

    public int getTotal() {
        return pending + running;
    }
}
