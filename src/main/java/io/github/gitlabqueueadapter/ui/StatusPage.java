package io.github.gitlabqueueadapter.ui;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.Answer;
import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.insight.DemandProfiles;
import io.github.gitlabqueueadapter.insight.Downsample;
import io.github.gitlabqueueadapter.insight.QueueMemories;
import io.github.gitlabqueueadapter.insight.ReaderLog;
import io.github.gitlabqueueadapter.insight.Sample;
import io.github.gitlabqueueadapter.insight.TimelineEvent;
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
import jakarta.ws.rs.QueryParam;
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
 * The status page at {@code /}: every queue with its numbers, marks, readers and a chart of its history (and a pool
 * with warm-up, its weekly profile), rendered on the server. The page fetches {@code status/queues} (the same cards, as
 * HTML) every few seconds, so it follows the queues without a reload. Behind the same credentials as {@code /queues}.
 */
@Tag(name = "status page", description = "HTML for people with a browser")
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class StatusPage {

    /** The page and the part of it that refreshes, checked against these parameters at build time. */
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(Summary summary, String queues);

        static native TemplateInstance queues(
                Summary summary, List<Card> cards, List<Card> members, ProjectsPage.Overview projects);
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
    private final DemandProfiles profiles;
    private final QueuePoller poller;
    private final AdapterConfig config;
    private final Clock clock;
    private final BudgetAllowances budget;

    StatusPage(
            Queues queues,
            QueueCatalog catalog,
            QueueMemories insight,
            DemandProfiles profiles,
            QueuePoller poller,
            AdapterConfig config,
            Clock clock,
            BudgetAllowances budget) {
        this.queues = queues;
        this.catalog = catalog;
        this.insight = insight;
        this.profiles = profiles;
        this.poller = poller;
        this.config = config;
        this.clock = clock;
        this.budget = budget;
    }

    @GET
    public String page(@QueryParam("page") String page) {
        Summary summary = summary();
        return Templates.page(summary, fragment(summary, ProjectsPage.requested(page)))
                .render();
    }

    @GET
    @Path("status/queues")
    public String queues(@QueryParam("page") String page) {
        return fragment(summary(), ProjectsPage.requested(page));
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

    /**
     * Pools and groups first, then named projects, as cards with charts; group members as rows. Past {@code
     * adapter.status-page.max-projects} projects, one page of them ({@link ProjectsPage}).
     */
    private String fragment(Summary summary, int page) {
        List<Card> cards = new ArrayList<>();
        List<Card> members = new ArrayList<>();
        for (QueueKind kind : List.of(QueueKind.POOL, QueueKind.GROUP)) {
            catalog.all(kind).forEach(key -> cards.add(card(key, "", true)));
        }
        ProjectsPage projects = ProjectsPage.of(
                catalog.all(QueueKind.PROJECT),
                queues::answer,
                config.statusPage().maxProjects(),
                page);
        for (QueueKey key : projects.shown()) {
            if (catalog.isGroupMember(key)) {
                String group = catalog.groupOf(key).map(GroupRef::name).orElse("");
                members.add(card(key, group, false));
            } else {
                cards.add(card(key, "", true));
            }
        }
        return Templates.queues(summary, failingFirst(cards), failingFirst(members), projects.overview())
                .render();
    }

    /** Queues that cannot be read first, then stale ones, then the rest, each in catalog order. */
    static List<Card> failingFirst(List<Card> cards) {
        List<Card> sorted = new ArrayList<>(cards);
        sorted.sort(Comparator.comparingInt(card -> ProjectsPage.rank(card.state())));
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
        String waits = CardTexts.waits(insight.waits(key));
        String capacity = insight.find(key)
                .map(q -> CardTexts.capacity(q.timeline().capacity(now)))
                .orElse("no rise yet");
        ProfileChart profile = key.kind() == QueueKind.POOL
                ? profiles.of(key.name()).map(p -> ProfileChart.of(p, now)).orElse(null)
                : null;
        String scalers = insight.find(key)
                .map(q -> CardTexts.scalers(q.timeline().scalers()))
                .orElse("");
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
                        CostLine.of(v.cost()),
                        profile),
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
                        "",
                        profile));
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

    private static String ago(Instant then, Instant now) {
        return Chart.span(Duration.between(then, now)) + " ago";
    }
}
