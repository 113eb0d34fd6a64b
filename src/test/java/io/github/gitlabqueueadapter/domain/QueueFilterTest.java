package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.support.Jobs;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueFilterTest {

    private static JobState ran(String tag, Long runner, boolean tagsKnown) {
        return Jobs.job(1, "success")
                .tags(tag)
                .runner(runner, null)
                .queued(5.0)
                .tagsKnown(tagsKnown)
                .build();
    }

    @Test
    void aPoolByTagsCountsTheStartsOfTheJobsItsRunnersWouldTakeOnly() {
        QueueFilter docker = new QueueFilter(new RunnerMatcher(Set.of("docker"), false), null);
        assertTrue(docker.countsStart(ran("docker", 7L, true)));
        assertFalse(docker.countsStart(ran("gpu", 9L, true)), "a gpu job on another runner is not the pool's wait");
        assertFalse(docker.countsStart(ran("docker", 7L, false)), "tags unknown: not counted");
    }

    @Test
    void aPoolWithRunnerIdsCountsTheStartsOnItsRunners() {
        QueueFilter pool = new QueueFilter(null, Set.of(17L));
        assertTrue(pool.countsStart(ran("any", 17L, false)));
        assertFalse(pool.countsStart(ran("any", 18L, true)));
        assertTrue(QueueFilter.ALL.countsStart(ran("any", null, false)));
    }
}
