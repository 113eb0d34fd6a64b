package io.github.gitlabqueueadapter.ui;

import java.util.List;

/**
 * One queue on the status page, every text already formatted. {@code state} is {@code fresh}, {@code stale} or
 * {@code unavailable}; the numbers mean nothing when it is {@code unavailable}.
 *
 * @param kind {@code project}, {@code pool} or {@code group}
 * @param href the queue's JSON endpoint, relative to the page
 * @param memberOf the group a project was found in; empty for a named project, a pool or a group
 * @param source {@code events} or {@code polling}: what keeps the number current (empty when unavailable)
 * @param chart the history, or null for a group member (their groups carry the chart)
 * @param waits p50 / p95 of the waits for a runner over the last 15 minutes and the last hour, or "no job started"
 * @param timeToCapacity the median time to capacity of the last rises, and the open rise, or "no rise yet"
 * @param scalers the KEDA objects reading this queue and their replicas ({@code adapter.kubernetes.enabled}), or empty
 * @param gitlabRunners for a pool of GitLab's runners, one line per runner with the settings read and when; else empty
 * @param cost for a pool, its newest day's runner-hours busy and provisioned, idle share and cost; else empty
 * @param profile for a pool with warm-up, its weekly profile of demand; else null
 */
public record Card(
        String kind,
        String name,
        String href,
        String memberOf,
        String state,
        String message,
        boolean capped,
        int pending,
        int running,
        int total,
        int forecastPending,
        String oldestPending,
        String age,
        String lastEvent,
        String source,
        String lastRead,
        int readsPerMinute,
        int runnersBusy,
        Chart chart,
        String waits,
        String timeToCapacity,
        String scalers,
        List<String> gitlabRunners,
        String cost,
        ProfileChart profile) {

    public boolean isAvailable() {
        return !"unavailable".equals(state);
    }
}
