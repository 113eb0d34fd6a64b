package io.github.gitlabqueueadapter.ui;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.Answer;
import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.insight.Downsample;
import io.github.gitlabqueueadapter.insight.DurationText;
import io.github.gitlabqueueadapter.insight.QueueMemories;
import io.github.gitlabqueueadapter.insight.ReaderLog;
import io.github.gitlabqueueadapter.insight.Sample;
import io.github.gitlabqueueadapter.insight.ScalingTimeline;
import io.github.gitlabqueueadapter.insight.TimelineEvent;
import io.github.gitlabqueueadapter.insight.WaitLog;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.query.QueueView;
import io.github.gitlabqueueadapter.query.Queues;
import io.github.gitlabqueueadapter.watch.BudgetAllowances;
import io.github.gitlabqueueadapter.watch.QueueCatalog;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The status page at {@code /}: every queue with its numbers, marks, readers and a chart of its history, rendered on
 * the server. The page fetches {@code status/queues} (the same cards, as HTML) every few seconds, so it follows the
 * queues without a reload. Behind the same credentials as {@code /queues}.
 */
@Tag(name = "status page", description = "HTML for people with a browser")
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class StatusPage {

    /** The page and the part of it that refreshes, checked against these parameters at build time. */
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(Summary summary, String queues);

        static native TemplateInstance queues(Summary summary, List<Card> cards, List<Card> members);
    }

    /** The line above the cards. */
    public record Summary(
            String interval,
            String maxStaleness,
            String horizon,
            String retention,
            String updatedAt,
            int refreshSeconds,
            String budget) {}

    static final int REFRESH_SECONDS = 5;
    static final int CHART_POINTS = 240;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Queues queues;
    private final QueueCatalog catalog;
    private final QueueMemories insight;
    private final QueuePoller poller;
    private final AdapterConfig config;
    private final Clock clock;
    private final BudgetAllowances budget;

    StatusPage(
            Queues queues,
            QueueCatalog catalog,
            QueueMemories insight,
            QueuePoller poller,
            AdapterConfig config,
            Clock clock,
            BudgetAllowances budget) {
        this.queues = queues;
        this.catalog = catalog;
        this.insight = insight;
        this.poller = poller;
        this.config = config;
        this.clock = clock;
        this.budget = budget;
    }

    @GET
    public String page() {
        Summary summary = summary();
        return Templates.page(summary, fragment(summary)).render();
    }

    @GET
    @Path("status/queues")
    public String queues() {
        return fragment(summary());
    }

    private Summary summary() {
        return new Summary(
                Chart.span(poller.effectiveInterval()),
                Chart.span(config.maxStaleness()),
                Chart.span(insight.horizon()),
                Chart.span(insight.retention()),
                TIME.format(clock.instant()),
                REFRESH_SECONDS,
                BudgetLine.of(budget.current()));
    }

    /** Pools and groups first, then named projects, as cards with charts; group members as rows. */
    private String fragment(Summary summary) {
        List<Card> cards = new ArrayList<>();
        List<Card> members = new ArrayList<>();
        for (QueueKind kind : List.of(QueueKind.POOL, QueueKind.GROUP, QueueKind.PROJECT)) {
            for (QueueKey key : catalog.all(kind)) {
                if (catalog.isGroupMember(key)) {
                    String group = catalog.groupOf(key).map(GroupRef::name).orElse("");
                    members.add(card(key, group, false));
                } else {
                    cards.add(card(key, "", true));
                }
            }
        }
        return Templates.queues(summary, failingFirst(cards), failingFirst(members))
                .render();
    }

    /** Queues that cannot be read first, then stale ones, then the rest, each in catalog order. */
    static List<Card> failingFirst(List<Card> cards) {
        List<Card> sorted = new ArrayList<>(cards);
        sorted.sort(Comparator.comparingInt(card -> switch (card.state()) {
            case "unavailable" -> 0;
            case "stale" -> 1;
            default -> 2;
        }));
        return sorted;
    }

    private Card card(QueueKey key, String memberOf, boolean withChart) {
        Answer<QueueView> answer = queues.answer(key);
        Instant now = clock.instant();
        String href = "queues/" + key.kind().segment() + "/" + URLEncoder.encode(key.name(), StandardCharsets.UTF_8);
        ReaderLog.Summary reads = insight.reads(key);
        String lastRead = reads.lastReadAt() == null ? "never" : ago(reads.lastReadAt(), now);
        int busy = insight.find(key).map(q -> q.runners().busy()).orElse(0);
        Chart chart = withChart ? chart(key, now, answer.available().orElse(null)) : null;
        String waits = waits(insight.waits(key));
        String capacity =
                insight.find(key).map(q -> capacity(q.timeline().capacity(now))).orElse("no rise yet");
        String scalers =
                insight.find(key).map(q -> scalers(q.timeline().scalers())).orElse("");
        return answer.fold(
                v -> new Card(
                        key.kind().label(),
                        key.name(),
                        href,
                        memberOf,
                        v.stale() ? "stale" : "fresh",
                        message(v),
                        v.capped(),
                        v.pending(),
                        v.running(),
                        v.total(),
                        v.forecastPending(),
                        Chart.span(Duration.ofMillis((long) (v.oldestPendingSeconds() * 1000))),
                        Chart.span(Duration.ofMillis((long) (v.ageSeconds() * 1000))),
                        v.lastEventAt() == null ? "none" : ago(v.lastEventAt(), now),
                        v.source(),
                        lastRead,
                        reads.readsPerMinute(),
                        busy,
                        chart,
                        waits,
                        capacity,
                        scalers,
                        RunnerLines.of(v.gitlabRunners(), now),
                        CostLine.of(v.cost())),
                reason -> new Card(
                        key.kind().label(),
                        key.name(),
                        href,
                        memberOf,
                        "unavailable",
                        reason,
                        false,
                        0,
                        0,
                        0,
                        0,
                        "",
                        "",
                        "",
                        "",
                        lastRead,
                        reads.readsPerMinute(),
                        busy,
                        chart,
                        waits,
                        capacity,
                        scalers,
                        List.of(),
                        ""));
    }

    /** Why the number may be off: the last poll's error when stale, and runners that contribute nothing. */
    private static String message(QueueView view) {
        String runners =
                view.gitlabRunners() == null ? null : view.gitlabRunners().problems();
        String stale = view.stale() ? view.lastError() : null;
        return stale == null ? runners == null ? "" : runners : runners == null ? stale : stale + "; " + runners;
    }

    /**
     * The queue's history over the retention, thinned to what the chart can show, the forecast from now, and the
     * scaling timeline's events on the same time axis.
     */
    private Chart chart(QueueKey key, Instant now, QueueView view) {
        Instant from = now.minus(insight.retention());
        List<Sample> samples =
                insight.find(key).map(q -> q.history().since(from)).orElse(List.of());
        List<TimelineEvent> events =
                insight.find(key).map(q -> q.timeline().events(from, now)).orElse(List.of());
        return Chart.of(
                Downsample.toAtMost(samples, CHART_POINTS),
                now,
                insight.horizon(),
                view == null ? null : view.pending(),
                view == null ? null : view.forecastPending(),
                events);
    }

    /** "p50 40s · p95 2m 0s (15 min, 12 jobs); p50 ... (1 h, 30 jobs)". */
    static String waits(WaitLog.Summary w) {
        if (w.jobsLastHour() == 0) {
            return "no job started in the last hour";
        }
        String hour = "p50 " + seconds(w.p50LastHour()) + " · p95 " + seconds(w.p95LastHour()) + " (1 h, "
                + w.jobsLastHour() + " jobs)";
        if (w.jobsLast15m() == 0) {
            return hour;
        }
        return "p50 " + seconds(w.p50Last15m()) + " · p95 " + seconds(w.p95Last15m()) + " (15 min, " + w.jobsLast15m()
                + " jobs); " + hour;
    }

    /** "ScaledObject ci/docker-runners: desired 5, current 3; ScaledJob ci/app: 2 active jobs". */
    static String scalers(List<ScalingTimeline.Scaler> scalers) {
        return String.join(
                "; ",
                scalers.stream()
                        .map(s -> s.kind() + " " + s.namespace() + "/" + s.name() + ": "
                                + (s.activeJobs() != null
                                        ? s.activeJobs() + " active jobs"
                                        : "desired " + orUnknown(s.desiredReplicas()) + ", current "
                                                + orUnknown(s.currentReplicas())))
                        .toList());
    }

    private static String orUnknown(Integer value) {
        return value == null ? "?" : String.valueOf(value);
    }

    /** "median 4m 0s of the last 3 rises; open for 1m 0s". */
    static String capacity(ScalingTimeline.Capacity c) {
        String closed = c.medianSeconds() == null
                ? ""
                : "median " + seconds(c.medianSeconds()) + " of the last "
                        + c.last().size() + (c.last().size() == 1 ? " rise" : " rises");
        String open = c.open() == null ? "" : "open for " + seconds(c.open().seconds());
        if (closed.isEmpty() && open.isEmpty()) {
            return "no rise yet";
        }
        return closed.isEmpty() ? open : open.isEmpty() ? closed : closed + "; " + open;
    }

    private static String seconds(double value) {
        return DurationText.of(value);
    }

    private static String ago(Instant then, Instant now) {
        return Chart.span(Duration.between(then, now)) + " ago";
    }
}
