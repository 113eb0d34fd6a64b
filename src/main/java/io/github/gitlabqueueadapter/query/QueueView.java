package io.github.gitlabqueueadapter.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.gitlabqueueadapter.domain.QueueMeasurement;
import io.github.gitlabqueueadapter.insight.ReaderLog;
import io.github.gitlabqueueadapter.insight.WaitLog;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON that KEDA, Azure Container Apps and people read for one queue. Every count is a JSON number.
 *
 * @param total pending + running: what a ScaledJob of the default strategy reads (it subtracts the Jobs it already
 *        runs); one of the accurate strategy reads {@code pending}
 * @param stale true when the last poll failed and this is the last good snapshot, still within max-staleness
 * @param capped true when adapter.max-pages stopped the count: the real queue is at least this long
 * @param lastError why the last poll failed; present only when {@code stale}
 * @param projects how many projects a pool sums; absent for a project
 * @param unavailableProjects how many of a pool's projects cannot be read now; absent when none
 * @param lastEventAt when a GitLab job event last changed this queue; absent before the first
 * @param source {@code events} when job events keep the number current (each project is polled only every
 *        {@code adapter.reconcile-interval}), {@code polling} when polls do; a pool or group is {@code events} only
 *        when all its projects are
 * @param forecastPending the pending count expected {@code adapter.forecast.horizon} from now (see TrendForecast);
 *        equal to {@code pending} until the queue has enough history, and for a read with filters
 * @param lastReadAt when a reader (KEDA, Azure Container Apps, a person) last read this queue's endpoint, before this
 *        read; absent before the first
 * @param readsPerMinute reads of this queue's endpoint in the last minute, this one excluded
 * @param waitSeconds how long the queue's jobs waited for a runner (GitLab's {@code queued_duration} of each job seen
 *        starting): p50 and p95 over the last 15 minutes and the last hour; absent for a read with filters
 * @param gitlabRunners for a pool of GitLab's runners: each runner and project as GitLab described them, and why a
 *        runner contributes nothing; absent otherwise
 * @param desired for a pool with a capacity configuration: the runners it wants now, {@code min(max-runners,
 *        ceil((pending + running + idle capacity) / capacity-per-runner))}, released only after the policy's
 *        idle-time; absent otherwise
 * @param capacity why {@code desired} is what it is; absent with it
 * @param cost for a pool with a {@code cost-per-runner-hour}: its runner-hours busy and provisioned by day, and their
 *        cost; absent until some time was tallied, and for every other queue
 * @param overflow for an overflow pool ({@code overflow-of}): the pool it overflows, after how long a job overflows
 *        and how many of that pool's pending jobs have not waited so long yet; absent otherwise
 * @param countedBy for a pool of GitLab's runners with {@code gitlab.instance-count=graphql}: {@code gitlab-graphql}
 *        while GitLab counts its pending jobs by its own matcher; absent when the adapter models GitLab's matcher
 * @param gitlabCount with {@code countedBy}: when GitLab's count was read, the runners asked and each project's pending
 * @param profile for a pool with warm-up: its weekly profile of demand, the hour now and the next; absent otherwise
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueueView(
        String project,
        int pending,
        int running,
        int total,
        double oldestPendingSeconds,
        Instant observedAt,
        double ageSeconds,
        boolean stale,
        boolean capped,
        String lastError,
        Integer projects,
        Integer unavailableProjects,
        Instant lastEventAt,
        @Schema(enumeration = {"events", "polling"}) String source,
        Integer forecastPending,
        Instant lastReadAt,
        Integer readsPerMinute,
        WaitLog.Summary waitSeconds,
        PoolRunnersView gitlabRunners,
        Integer desired,
        CapacityView capacity,
        CostView cost,
        OverflowView overflow,
        @Schema(enumeration = {"gitlab-graphql"}) String countedBy,
        GitLabCountView gitlabCount,
        ProfileView profile) {

    /** {@code countedBy} of a pool whose pending jobs GitLab counted through GraphQL. */
    public static final String GITLAB_GRAPHQL = "gitlab-graphql";

    /**
     * The view of a measurement, as a reader gets it: with the queue's forecast and what its readers did before this
     * read.
     *
     * @param forecastPending the forecast, or the pending count itself where none is made (filtered reads)
     * @param waitSeconds the queue's waits, or null (filtered reads)
     */
    public static QueueView of(
            QueueMeasurement measurement, int forecastPending, ReaderLog.Summary reads, WaitLog.Summary waitSeconds) {
        QueueMeasurement.Members members = measurement.members();
        return new QueueView(
                measurement.name(),
                measurement.pending(),
                measurement.running(),
                measurement.total(),
                measurement.oldestPendingSeconds(),
                measurement.observedAt(),
                measurement.ageSeconds(),
                measurement.stale(),
                measurement.trust().capped(),
                measurement.trust().lastError(),
                members == null ? null : members.projects(),
                members == null || members.unavailable() == 0 ? null : members.unavailable(),
                measurement.lastEventAt(),
                measurement.source().code(),
                forecastPending,
                reads.lastReadAt(),
                reads.readsPerMinute(),
                waitSeconds,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** The same view with the pool's GitLab runners. */
    public QueueView withRunners(PoolRunnersView runners) {
        return with(runners, desired, capacity, cost, overflow, countedBy, gitlabCount, profile);
    }

    /** The same view with the pool's desired runners and why. */
    public QueueView withDesired(int desired, CapacityView capacity) {
        return with(gitlabRunners, desired, capacity, cost, overflow, countedBy, gitlabCount, profile);
    }

    /** The same view with the pool's runner-hours and cost; null leaves it out. */
    public QueueView withCost(CostView cost) {
        return with(gitlabRunners, desired, capacity, cost, overflow, countedBy, gitlabCount, profile);
    }

    /** The same view with what the overflow pool overflows. */
    public QueueView withOverflow(OverflowView overflow) {
        return with(gitlabRunners, desired, capacity, cost, overflow, countedBy, gitlabCount, profile);
    }

    /** The same view with the pool's weekly profile (null: none). */
    public QueueView withProfile(ProfileView profile) {
        return with(gitlabRunners, desired, capacity, cost, overflow, countedBy, gitlabCount, profile);
    }

    /** The same view saying that GitLab counted the pool's pending jobs, and how. */
    public QueueView withGitLabCount(GitLabCountView count) {
        return with(gitlabRunners, desired, capacity, cost, overflow, GITLAB_GRAPHQL, count, profile);
    }

    private QueueView with(
            PoolRunnersView runners,
            Integer desired,
            CapacityView capacity,
            CostView cost,
            OverflowView overflow,
            String countedBy,
            GitLabCountView gitlabCount,
            ProfileView profile) {
        return new QueueView(
                project,
                pending,
                running,
                total,
                oldestPendingSeconds,
                observedAt,
                ageSeconds,
                stale,
                capped,
                lastError,
                projects,
                unavailableProjects,
                lastEventAt,
                source,
                forecastPending,
                lastReadAt,
                readsPerMinute,
                waitSeconds,
                runners,
                desired,
                capacity,
                cost,
                overflow,
                countedBy,
                gitlabCount,
                profile);
    }
}
