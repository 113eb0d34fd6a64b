package io.github.gitlabqueueadapter.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The forecast against the naive one (the count now) at the default horizon, on synthetic queues. */
class TrendForecastTest {

    private static final Duration HORIZON = Duration.ofMinutes(2);
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final int STEP_SECONDS = 10; // one poll every 10 s
    private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");

    @Test
    void beatsTheNaiveForecastOnARamp() {
        Random noise = new Random(7);
        // 0 to ~300 pending jobs over 50 minutes, plus or minus a few
        Errors errors = errors(300, step -> Math.max(0, step * 1.0 + noise.nextGaussian() * 2));
        System.out.printf(
                "ramp: mean absolute error at %s: trend %.2f, naive %.2f%n", HORIZON, errors.trend, errors.naive);
        assertTrue(errors.trend < errors.naive * 0.5, errors.toString());
    }

    @Test
    void beatsTheNaiveForecastOnADailyPatternWithNoise() {
        Random noise = new Random(11);
        double stepsPerDay = 86_400.0 / STEP_SECONDS;
        // two days: 20 on average, 5 at night, 35 at the afternoon peak, noise of 3 jobs
        Errors errors = errors(
                (int) (2 * stepsPerDay),
                step -> Math.max(0, 20 + 15 * Math.sin(2 * Math.PI * step / stepsPerDay) + noise.nextGaussian() * 3));
        System.out.printf(
                "daily pattern: mean absolute error at %s: trend %.2f, naive %.2f%n",
                HORIZON, errors.trend, errors.naive);
        assertTrue(errors.trend < errors.naive, errors.toString());
    }

    @Test
    void answersPendingUntilThereIsEnoughHistory() {
        TrendForecast forecast = new TrendForecast(HORIZON, WINDOW, Clock.fixed(START.plusSeconds(60), ZoneOffset.UTC));
        assertEquals(7, forecast.forecast(List.of(), 7));
        // a steep ramp, but only one minute of it: less than a quarter of the window
        List<Sample> minute = new ArrayList<>();
        for (int s = 0; s < 60; s += 10) {
            minute.add(sample(START.plusSeconds(s), s));
        }
        assertEquals(55, forecast.forecast(minute, 55));
    }

    @Test
    void followsARampOnceItHasSeenEnough() {
        TrendForecast forecast =
                new TrendForecast(HORIZON, WINDOW, Clock.fixed(START.plusSeconds(300), ZoneOffset.UTC));
        List<Sample> ramp = new ArrayList<>();
        for (int s = 0; s < 300; s += 10) {
            ramp.add(sample(START.plusSeconds(s), s / 10)); // one more job every 10 s
        }
        assertEquals(30 + 12, forecast.forecast(ramp, 30));
    }

    @Test
    void neverNegativeOnAFallingQueue() {
        TrendForecast forecast =
                new TrendForecast(HORIZON, WINDOW, Clock.fixed(START.plusSeconds(300), ZoneOffset.UTC));
        List<Sample> falling = new ArrayList<>();
        for (int s = 0; s < 300; s += 10) {
            falling.add(sample(START.plusSeconds(s), 30 - s / 10));
        }
        assertEquals(0, forecast.forecast(falling, 1));
    }

    @Test
    void samplesAtTheSameMomentGiveThePendingCountNotNaN() {
        Instant now = START.plusSeconds(600);
        TrendForecast forecast = new TrendForecast(HORIZON, WINDOW, Clock.fixed(now, ZoneOffset.UTC));
        List<Sample> same = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            same.add(sample(now.minusSeconds(400), i));
        }
        same.add(sample(now.minusSeconds(1), 3));
        int value = forecast.forecast(same, 4);
        assertTrue(value >= 0, "forecast " + value);
    }

    private record Errors(double trend, double naive) {}

    /** Runs a queue for {@code steps} polls, recording each into a history, and compares both forecasts. */
    private static Errors errors(int steps, IntToDoubleFunction truth) {
        int ahead = (int) (HORIZON.toSeconds() / STEP_SECONDS);
        int[] pending = new int[steps + ahead];
        for (int i = 0; i < pending.length; i++) {
            pending[i] = (int) Math.round(truth.applyAsDouble(i));
        }
        QueueHistory history = new QueueHistory(Duration.ofHours(6), 2160);
        double trendError = 0;
        double naiveError = 0;
        int counted = 0;
        for (int i = 0; i < steps; i++) {
            Instant now = START.plusSeconds((long) i * STEP_SECONDS);
            TrendForecast forecast = new TrendForecast(HORIZON, WINDOW, Clock.fixed(now, ZoneOffset.UTC));
            int predicted = forecast.forecast(history.since(now.minus(WINDOW)), pending[i]);
            history.record(new Sample(now, pending[i], 0, 0, predicted));
            int actual = pending[i + ahead];
            trendError += Math.abs(predicted - actual);
            naiveError += Math.abs(pending[i] - actual);
            counted++;
        }
        return new Errors(trendError / counted, naiveError / counted);
    }

    private static Sample sample(Instant at, int pending) {
        return new Sample(at, pending, 0, 0, pending);
    }
}
