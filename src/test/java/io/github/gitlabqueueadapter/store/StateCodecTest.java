package io.github.gitlabqueueadapter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.EventMemory;
import io.github.gitlabqueueadapter.domain.JobRef;
import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.domain.PollFailure;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectSnapshot;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.support.Jobs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A project state survives the trip through JSON whole, and its size per job is what docs/replicas-and-redis.md
 * states.
 */
class StateCodecTest {

    private static final ProjectRef PROJECT = ProjectRef.parse("Platform/API");
    private static final Instant T0 = Instant.parse("2026-11-25T12:14:22.608123456Z");

    private final StateCodec codec = new StateCodec();

    /** A page of GitLab jobs as a busy project has them: 70 pending with two tags, 30 running on a runner. */
    static List<JobState> typicalPage(long firstId) {
        List<JobState> jobs = new ArrayList<>();
        for (long id = firstId; id < firstId + 100; id++) {
            boolean running = id % 10 < 3;
            jobs.add((running
                            ? Jobs.running(id).runner(17L, "docker-runner-7f9c").queued(4.2)
                            : Jobs.pending(id).queued(125.25))
                    .tags("docker", "linux")
                    .createdAt(T0.minusSeconds(300))
                    .build());
        }
        return jobs;
    }

    @Test
    void everyFieldSurvivesTheTrip() {
        List<JobState> jobs = new ArrayList<>(typicalPage(1000));
        jobs.add(Jobs.pending(7).tagsUnknown().build()); // from a tagless event
        jobs.add(Jobs.pending(8).ref(new JobRef("v1.0", true)).build());
        jobs.add(Jobs.pending(9).ref(new JobRef("main", false)).build());
        ProjectSnapshot snapshot = new ProjectSnapshot(PROJECT, jobs, T0, true, 5, T0.minusMillis(1500));
        EventMemory events = new EventMemory(
                T0.plusSeconds(3),
                List.of(new EventMemory.Mark(99, T0.plusSeconds(2)), new EventMemory.Mark(98, T0.plusSeconds(3))),
                List.of(new EventMemory.Mark(7, T0.plusSeconds(1))),
                true,
                new EventMemory.Suspects(java.util.Set.of(5L, 6L), T0.plusSeconds(1)),
                97);
        ProjectState state = new ProjectState(
                PROJECT,
                snapshot,
                T0.plusSeconds(15),
                new PollFailure("timeout", "GitLab did not answer within 5s", T0.plusSeconds(15)),
                events);

        ProjectState back = codec.decode(codec.encode(state));

        assertEquals(state, back);
        assertEquals("Platform/API", back.project().name(), "the spelling the user gave");
        assertEquals(ProjectState.unpolled(PROJECT), codec.decode(codec.encode(ProjectState.unpolled(PROJECT))));
    }

    @Test
    void whatIsNotAStateOfThisFormatIsRefusedWithoutItsContent() {
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class, () -> codec.decode("{secret"));
        assertTrue(!notJson.getMessage().contains("secret"), notJson.getMessage());
        assertThrows(IllegalArgumentException.class, () -> codec.decode("{\"f\":2,\"project\":\"a/b\"}"));
        assertThrows(IllegalArgumentException.class, () -> codec.decode("{\"f\":1,\"project\":\"../x\"}"));
    }

    /** The figure of docs/replicas-and-redis.md, "Memory in Redis per project": bytes per job and per project. */
    @Test
    void aTypicalJobTakesUnder150Bytes() {
        ProjectState onePage =
                ProjectState.unpolled(PROJECT).withSuccess(new ProjectSnapshot(PROJECT, typicalPage(1), T0, false, 1));
        ProjectState empty =
                ProjectState.unpolled(PROJECT).withSuccess(new ProjectSnapshot(PROJECT, List.of(), T0, false, 1));
        int emptyBytes = codec.encode(empty).getBytes(StandardCharsets.UTF_8).length;
        int pageBytes = codec.encode(onePage).getBytes(StandardCharsets.UTF_8).length;
        double perJob = (pageBytes - emptyBytes) / 100.0;
        System.out.printf(
                "StateCodec: empty project %d bytes, 100 jobs %d bytes, %.1f bytes a job%n",
                emptyBytes, pageBytes, perJob);
        assertTrue(emptyBytes < 300, emptyBytes + " bytes");
        assertTrue(perJob < 150, perJob + " bytes a job");
    }
}
