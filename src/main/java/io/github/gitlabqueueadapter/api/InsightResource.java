package io.github.gitlabqueueadapter.api;

import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.insight.Downsample;
import io.github.gitlabqueueadapter.insight.QueueMemories;
import io.github.gitlabqueueadapter.insight.ReaderLog;
import io.github.gitlabqueueadapter.insight.RunnerLog;
import io.github.gitlabqueueadapter.insight.Sample;
import io.github.gitlabqueueadapter.insight.ScalingTimeline;
import io.github.gitlabqueueadapter.insight.TimelineEvent;
import io.github.gitlabqueueadapter.insight.WaitLog;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the adapter remembers of a queue: its history, the runners seen running its jobs, and who reads it. Answered
 * from memory: nothing here asks GitLab, and reading these does not count as a read of the queue.
 */
@Tag(name = "insight", description = "What the adapter remembers of a queue; never asks GitLab")
@Path("/queues/{kind}/{name}")
@Produces(MediaType.APPLICATION_JSON)
public class InsightResource {

    static final int MAX_POINTS = 100_000;

    /** {@code GET .../history}. */
    @RegisterForReflection
    public record History(
            String kind,
            String name,
            Instant since,
            double retentionSeconds,
            double horizonSeconds,
            List<Sample> samples) {}

    /** {@code GET .../runners}. */
    @RegisterForReflection
    public record Runners(String kind, String name, List<RunnerLog.Runner> runners) {}

    /** {@code GET .../readers}. */
    @RegisterForReflection
    public record Readers(
            String kind,
            String name,
            Instant lastReadAt,
            int readsPerMinute,
            long reads,
            List<ReaderLog.Reader> readers) {}

    /**
     * {@code GET .../events}: the scaling timeline and what follows from it.
     *
     * @param waitSeconds how long the queue's jobs waited for a runner
     * @param timeToCapacity for each of the last rises of demand, the time until capacity caught up
     * @param scalers the KEDA objects reading this queue, at their last reading ({@code adapter.kubernetes.enabled})
     * @param events oldest first: demand, burst, emptied, capacity, runner-joined, runner-left, reader-started,
     *     reader-stopped, scaler
     */
    @RegisterForReflection
    public record Timeline(
            String kind,
            String name,
            Instant since,
            double retentionSeconds,
            WaitLog.Summary waitSeconds,
            ScalingTimeline.Capacity timeToCapacity,
            List<ScalingTimeline.Scaler> scalers,
            List<TimelineEvent> events) {}

    private final QueueResolver resolver;
    private final QueueMemories insight;
    private final Clock clock;

    InsightResource(QueueResolver resolver, QueueMemories insight, Clock clock) {
        this.resolver = resolver;
        this.insight = insight;
        this.clock = clock;
    }

    /**
     * The queue's samples since {@code since} ago ({@code 90s}, {@code 15m}, {@code 1h}, ISO-8601; at most the
     * retention, which is also the default), oldest first; with {@code points}, at most that many (peaks kept).
     */
    @GET
    @Operation(summary = "The queue's samples, oldest first; since 90s, 15m, 1h or ISO-8601; points thins them")
    @Path("/history")
    public History history(
            @PathParam("kind") String kind,
            @PathParam("name") String name,
            @QueryParam("since") String since,
            @QueryParam("points") String points) {
        QueueKey key = resolver.key(kind, name);
        Duration back = back(since);
        int most = points == null ? MAX_POINTS : QueryParams.integer("points", points, 2, MAX_POINTS);
        Instant from = clock.instant().minus(back);
        List<Sample> samples =
                insight.find(key).map(q -> q.history().since(from)).orElse(List.of());
        return new History(
                key.kind().label(),
                key.name(),
                from,
                insight.retention().toMillis() / 1000.0,
                insight.horizon().toMillis() / 1000.0,
                Downsample.toAtMost(samples, most));
    }

    /**
     * The queue's scaling timeline since {@code since} ago (as for the history; at most the retention, the default),
     * oldest first, with the waits, the time to capacity of the last rises and the KEDA objects reading the queue.
     */
    @GET
    @Operation(summary = "The queue's scaling timeline (demand, runners, readers, KEDA objects) and time to capacity")
    @Path("/events")
    public Timeline events(
            @PathParam("kind") String kind, @PathParam("name") String name, @QueryParam("since") String since) {
        QueueKey key = resolver.key(kind, name);
        Instant now = clock.instant();
        Instant from = now.minus(back(since));
        QueueMemories.QueueMemory memory = insight.find(key).orElse(null);
        return new Timeline(
                key.kind().label(),
                key.name(),
                from,
                insight.retention().toMillis() / 1000.0,
                insight.waits(key),
                memory == null
                        ? new ScalingTimeline.Capacity(List.of(), null, null)
                        : memory.timeline().capacity(now),
                memory == null ? List.of() : memory.timeline().scalers(),
                memory == null ? List.of() : memory.timeline().events(from, now));
    }

    /** The runners seen running this queue's jobs within the retention, busiest first. */
    @GET
    @Operation(summary = "The runners seen running the queue's jobs, busiest first")
    @Path("/runners")
    public Runners runners(@PathParam("kind") String kind, @PathParam("name") String name) {
        QueueKey key = resolver.key(kind, name);
        return new Runners(
                key.kind().label(),
                key.name(),
                insight.find(key).map(q -> q.runners().runners()).orElse(List.of()));
    }

    /** Who reads this queue's endpoint (by User-Agent), when last, and how often. */
    @GET
    @Operation(summary = "Who reads the queue's endpoint (by User-Agent), when last and how often")
    @Path("/readers")
    public Readers readers(@PathParam("kind") String kind, @PathParam("name") String name) {
        QueueKey key = resolver.key(kind, name);
        Instant now = clock.instant();
        ReaderLog.Summary summary = insight.reads(key);
        return new Readers(
                key.kind().label(),
                key.name(),
                summary.lastReadAt(),
                summary.readsPerMinute(),
                summary.reads(),
                insight.find(key).map(q -> q.readers().readers(now)).orElse(List.of()));
    }

    /** {@code since} as a span back from now: at most the retention, which is also the default. */
    private Duration back(String since) {
        return since == null ? insight.retention() : min(QueryParams.duration("since", since), insight.retention());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
