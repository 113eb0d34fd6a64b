package io.github.gitlabqueueadapter.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns project states into one queue's measurement: one project, or the sum over a pool's or group's projects, or why
 * no number can be given. Only reads the states: no filter or pool ever costs a GitLab request.
 */
public final class QueueQuery {

    private final Freshness freshness;

    public QueueQuery(PollCadence cadence) {
        this.freshness = new Freshness(cadence);
    }

    /** Judges freshness by what the request budget allows now, too ({@link Freshness}). */
    public QueueQuery(PollCadence cadence, Supplier<PollBudget.Allowance> budget) {
        this.freshness = new Freshness(cadence, budget);
    }

    /** One project's queue, counting only the jobs {@code filter} keeps. */
    public Answer<QueueMeasurement> project(ProjectState state, Instant now, QueueFilter filter) {
        Freshness.Judgement judgement = freshness.judge(state, now);
        String name = state.project().name();
        if (judgement.verdict() == Freshness.Verdict.UNAVAILABLE) {
            return new Answer.Unavailable<>(name, judgement.reason());
        }
        ProjectSnapshot snapshot = state.lastGood();
        QueueCount count = QueueCount.of(snapshot, now, filter.in(state.project()));
        boolean stale = judgement.verdict() == Freshness.Verdict.STALE;
        return new Answer.Available<>(
                name,
                new QueueMeasurement(
                        name,
                        new QueueCount(count.pending(), count.running(), tenths(count.oldestPendingSeconds())),
                        snapshot.observedAt(),
                        tenths(ageSeconds(snapshot, now)),
                        new QueueMeasurement.Trust(stale, snapshot.capped(), stale ? judgement.reason() : null),
                        null,
                        state.events().lastEventAt(),
                        state.events().flowing() ? QueueMeasurement.Source.EVENTS : QueueMeasurement.Source.POLLING));
    }

    /**
     * A pool or group: the sum over its projects. Projects that cannot be read leave the sum but mark it stale and are
     * counted in {@code unavailableProjects}: a pool of twenty is not silenced by one deleted project, and a partial
     * sum is never served as fresh. With no project readable, no number.
     *
     * @param members the projects' states and the parts that could not even be resolved to projects
     */
    public Answer<QueueMeasurement> sum(String name, Members members, Instant now, QueueFilter filter) {
        List<ProjectState> states = members.states();
        List<String> missing = members.missing();
        int pending = 0;
        int running = 0;
        double oldest = 0;
        double age = 0;
        Instant observedAt = null;
        Instant lastEventAt = null;
        boolean stale = false;
        boolean capped = false;
        boolean events = true;
        int unavailable = missing.size();
        String firstProblem = missing.isEmpty() ? null : missing.get(0);
        for (ProjectState state : states) {
            Answer<QueueMeasurement> answer = project(state, now, filter);
            if (answer instanceof Answer.Available<QueueMeasurement> available) {
                QueueMeasurement measurement = available.value();
                pending += measurement.pending();
                running += measurement.running();
                oldest = Math.max(oldest, measurement.oldestPendingSeconds());
                age = Math.max(age, measurement.ageSeconds());
                observedAt = observedAt == null || measurement.observedAt().isBefore(observedAt)
                        ? measurement.observedAt()
                        : observedAt;
                stale |= measurement.stale();
                capped |= measurement.trust().capped();
                events &= measurement.source() == QueueMeasurement.Source.EVENTS;
                if (measurement.lastEventAt() != null
                        && (lastEventAt == null || measurement.lastEventAt().isAfter(lastEventAt))) {
                    lastEventAt = measurement.lastEventAt();
                }
                if (measurement.stale() && firstProblem == null) {
                    firstProblem =
                            measurement.name() + ": " + measurement.trust().lastError();
                }
            } else {
                unavailable++;
                if (firstProblem == null) {
                    firstProblem = answer.name() + ": " + ((Answer.Unavailable<QueueMeasurement>) answer).reason();
                }
            }
        }
        if (states.isEmpty()) {
            return new Answer.Unavailable<>(name, firstProblem != null ? firstProblem : members.whenEmpty());
        }
        if (unavailable == states.size() + missing.size()) {
            return new Answer.Unavailable<>(name, "none of its projects can be read; " + firstProblem);
        }
        stale |= unavailable > 0;
        return new Answer.Available<>(
                name,
                new QueueMeasurement(
                        name,
                        new QueueCount(pending, running, oldest),
                        observedAt,
                        age,
                        new QueueMeasurement.Trust(stale, capped, stale ? firstProblem : null),
                        new QueueMeasurement.Members(states.size() + missing.size(), unavailable),
                        lastEventAt,
                        events ? QueueMeasurement.Source.EVENTS : QueueMeasurement.Source.POLLING));
    }

    /** The running jobs {@code filter} keeps, of every state that can still be served: who runs this queue now. */
    public List<JobState> running(List<ProjectState> states, Instant now, QueueFilter filter) {
        List<JobState> running = new ArrayList<>();
        for (ProjectState state : states) {
            if (freshness.judge(state, now).verdict() != Freshness.Verdict.UNAVAILABLE) {
                state.lastGood().jobs().stream().filter(filter::countsRunning).forEach(running::add);
            }
        }
        return running;
    }

    /**
     * What a pool or group sums.
     *
     * @param missing parts that could not be resolved to projects (a group not listed yet), each a reason
     * @param whenEmpty the reason when there is nothing at all to sum
     */
    public record Members(List<ProjectState> states, List<String> missing, String whenEmpty) {

        public Members {
            states = List.copyOf(states);
            missing = List.copyOf(missing);
        }
    }

    private static double ageSeconds(ProjectSnapshot snapshot, Instant now) {
        return Math.max(0, Seconds.between(snapshot.observedAt(), now));
    }

    private static double tenths(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
