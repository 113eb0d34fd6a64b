package io.github.gitlabqueueadapter.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.gitlabqueueadapter.domain.QueueKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Past the bound, the status page shows one page of projects, the worst first, and counts them all by state. */
class ProjectsPageTest {

    /**
     * Each row: the projects as state:oldest-wait (named p1, p2, ... in that order), the page size, the page asked
     * for, then the projects shown and the overview (projects fresh stale unavailable page pages first last, or none).
     */
    @ParameterizedTest(name = "{0}, {1} a page, page {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            fresh:1 fresh:2                                   | 2 | 1  | p1 p2       | none
            fresh:1 fresh:2 fresh:3                           | 2 | 1  | p3 p2       | 3 3 0 0 1 2 1 2
            fresh:1 fresh:2 fresh:3                           | 2 | 2  | p1          | 3 3 0 0 2 2 3 3
            fresh:1 fresh:2 fresh:3                           | 2 | 9  | p1          | 3 3 0 0 2 2 3 3
            fresh:1 fresh:2 fresh:3                           | 2 | -4 | p3 p2       | 3 3 0 0 1 2 1 2
            fresh:900 stale:5 unavailable:0 fresh:0 stale:60  | 3 | 1  | p3 p5 p2    | 5 2 2 1 1 2 1 3
            fresh:900 stale:5 unavailable:0 fresh:0 stale:60  | 3 | 2  | p1 p4       | 5 2 2 1 2 2 4 5
            """)
    void showsOnePageWorstFirst(String projects, int perPage, int page, String shown, String overview) {
        List<ProjectsPage.Standing> standings = new ArrayList<>();
        String[] each = projects.split(" +");
        for (int i = 0; i < each.length; i++) {
            String[] stateAndWait = each[i].split(":");
            standings.add(new ProjectsPage.Standing(
                    QueueKey.project("p" + (i + 1)), stateAndWait[0], Double.parseDouble(stateAndWait[1])));
        }
        ProjectsPage result = ProjectsPage.of(standings, perPage, page);
        assertEquals(shown, result.shown().stream().map(QueueKey::name).collect(Collectors.joining(" ")));
        ProjectsPage.Overview o = result.overview();
        if ("none".equals(overview)) {
            assertNull(o);
        } else {
            assertEquals(
                    overview,
                    o.projects() + " " + o.fresh() + " " + o.stale() + " " + o.unavailable() + " " + o.page() + " "
                            + o.pages() + " " + o.first() + " " + o.last());
        }
    }

    @ParameterizedTest(name = "?page={0} is page {1}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            null        | 1
            ''          | 1
            3           | 3
            ' 7 '       | 7
            two         | 1
            99999999999 | 1
            -2          | -2
            """)
    void readsThePageNumber(String page, int expected) {
        assertEquals(expected, ProjectsPage.requested(page));
    }
}
