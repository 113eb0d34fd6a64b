package io.github.gitlabqueueadapter.ui;

import io.github.gitlabqueueadapter.domain.Answer;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.query.QueueView;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Which projects the status page shows: all of them while they are at most {@code perPage}; past it one page of them,
 * the worst first (those that cannot be read, then stale ones, then the longest wait), with counts by state, so a page
 * of 10,000 projects renders {@code perPage} of them and stays small.
 *
 * @param shown the projects to render, in the order to render them
 * @param overview the counts and the page's place among the pages, or null when every project is shown
 */
record ProjectsPage(List<QueueKey> shown, Overview overview) {

    /** Where a project stands now: {@code fresh}, {@code stale} or {@code unavailable}, and its oldest wait. */
    record Standing(QueueKey key, String state, double oldestPendingSeconds) {}

    /**
     * The counts of every project by state, and which page this is.
     *
     * @param first the position (from 1) of the first project shown
     * @param last the position of the last one shown
     */
    record Overview(int projects, int fresh, int stale, int unavailable, int page, int pages, int first, int last) {

        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < pages;
        }

        public int previous() {
            return page - 1;
        }

        public int next() {
            return page + 1;
        }
    }

    private static final Comparator<Standing> WORST_FIRST = Comparator.<Standing>comparingInt(s -> rank(s.state()))
            .thenComparing(
                    Comparator.comparingDouble(Standing::oldestPendingSeconds).reversed());

    /**
     * Every project of {@code keys} while they are at most {@code perPage}; past it, each one's answer decides which
     * page shows it (an answer is counted from memory; only the page's projects are rendered).
     */
    static ProjectsPage of(
            List<QueueKey> keys, Function<QueueKey, Answer<QueueView>> answers, int perPage, int requested) {
        if (keys.size() <= perPage) {
            return new ProjectsPage(keys, null);
        }
        List<Standing> standings = keys.stream()
                .map(key -> answers.apply(key)
                        .fold(
                                v -> new Standing(key, v.stale() ? "stale" : "fresh", v.oldestPendingSeconds()),
                                reason -> new Standing(key, "unavailable", 0)))
                .toList();
        return of(standings, perPage, requested);
    }

    /**
     * The page {@code requested} (from 1; one past the end shows the last page, a number below 1 the first) of
     * {@code standings}, {@code perPage} at a time.
     */
    static ProjectsPage of(List<Standing> standings, int perPage, int requested) {
        if (standings.size() <= perPage) {
            return new ProjectsPage(standings.stream().map(Standing::key).toList(), null);
        }
        int pages = (standings.size() + perPage - 1) / perPage;
        int page = Math.max(1, Math.min(pages, requested));
        int from = (page - 1) * perPage;
        int to = Math.min(standings.size(), from + perPage);
        List<QueueKey> shown = standings.stream()
                .sorted(WORST_FIRST)
                .skip(from)
                .limit(to - from)
                .map(Standing::key)
                .toList();
        return new ProjectsPage(
                shown,
                new Overview(
                        standings.size(),
                        count(standings, "fresh"),
                        count(standings, "stale"),
                        count(standings, "unavailable"),
                        page,
                        pages,
                        from + 1,
                        to));
    }

    /** The page number in {@code ?page=}, or 1 when there is none or it is not a number. */
    static int requested(String page) {
        if (page == null || page.isBlank() || page.length() > 9) {
            return 1;
        }
        try {
            return Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Those that cannot be read first (0), then stale ones (1), then the rest (2). */
    static int rank(String state) {
        return switch (state) {
            case "unavailable" -> 0;
            case "stale" -> 1;
            default -> 2;
        };
    }

    private static int count(List<Standing> standings, String state) {
        return (int) standings.stream().filter(s -> s.state().equals(state)).count();
    }
}
