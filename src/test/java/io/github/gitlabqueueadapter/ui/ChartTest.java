package io.github.gitlabqueueadapter.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.insight.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a queue's history is drawn: what a person reads off the chart. */
class ChartTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration HORIZON = Duration.ofMinutes(2);

    private static Sample at(int minutesAgo, int pending, int running) {
        return new Sample(NOW.minus(Duration.ofMinutes(minutesAgo)), pending, running, 0, pending);
    }

    @Test
    void theForecastContinuesFromThePendingCountNowToTheHorizon() {
        Chart chart = Chart.of(List.of(at(10, 2, 1), at(5, 4, 1), at(0, 6, 2)), NOW, HORIZON, 6, 9);
        String[] points = chart.forecast().split(" ");
        assertEquals(2, points.length, chart.forecast());
        assertEquals(chart.nowXText(), points[0].split(",")[0], "it starts now");
        assertEquals(chart.rightText(), points[1].split(",")[0], "and ends at now + horizon, the right edge");
        assertTrue(
                Double.parseDouble(points[1].split(",")[1])
                        < Double.parseDouble(points[0].split(",")[1]),
                "a rising forecast ends higher (smaller y)");
        assertEquals(3, chart.pending().split(" ").length, "the past as a line, one point a sample");
    }

    @Test
    void bothAxesAreLabelled() {
        Chart chart = Chart.of(List.of(at(30, 3, 0), at(0, 7, 2)), NOW, HORIZON, 7, 7);
        assertEquals(10, chart.max(), "the value axis ends on a round number above the highest count");
        assertEquals(
                List.of("0", "5", "10"),
                chart.values().stream().map(Chart.Tick::label).toList());
        assertEquals(
                List.of("11:30", "11:45", "now", "+2m"),
                chart.times().stream().map(Chart.Tick::label).toList());
    }

    @Test
    void oneSampleIsAPointWithItsNumber() {
        Chart chart = Chart.of(List.of(at(0, 4, 1)), NOW, HORIZON, 4, 4);
        assertNotNull(chart.single());
        assertEquals("4", chart.single().label());
        assertEquals("", chart.pending(), "no line through one point");
    }

    @Test
    void aQueueWithNoNumberNowHasNoForecastLine() {
        Chart chart = Chart.of(List.of(at(5, 4, 1), at(1, 4, 1)), NOW, HORIZON, null, null);
        assertEquals("", chart.forecast());
        assertNull(chart.single());
    }

    @Test
    void roundCeilings() {
        assertEquals(
                List.of(1, 2, 5, 10, 20, 50, 100),
                List.of(1, 2, 3, 6, 11, 21, 99).stream().map(Chart::niceCeiling).toList());
    }
}
