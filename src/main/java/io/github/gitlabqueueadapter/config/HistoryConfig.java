package io.github.gitlabqueueadapter.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.Range;

/** {@code adapter.history.*}: bounds of what is kept per queue. */
public interface HistoryConfig {

    /** How far back samples and runners are kept. Lost at every restart. */
    @WithDefault("6h")
    @DurationRange(min = "1m", max = "7d", groups = AtStart.class)
    Duration retention();

    /** Most samples kept per queue (24 bytes each); samples closer than retention / this are merged. */
    @WithDefault("2160")
    @Range(min = 10, max = 100_000, groups = AtStart.class)
    int maxSamples();

    /** Most runners remembered per queue. */
    @WithDefault("50")
    @Range(min = 1, max = 10_000, groups = AtStart.class)
    int maxRunners();

    /** Most reading clients (by User-Agent) remembered per queue. */
    @WithDefault("8")
    @Range(min = 1, max = 100, groups = AtStart.class)
    int maxReaders();

    /**
     * Most projects whose memory is kept whole (history over the retention, up to the wait, timeline, runner and
     * reader bounds), the first made; every other project, and every group member, keeps a light one: the forecast
     * window's samples, at most 200 waits, 50 timeline events, 10 runners and 2 readers. Pools and groups are always
     * whole. This is what keeps thousands of projects within the pod's memory.
     */
    @WithDefault("200")
    @Range(min = 0, max = 100_000, groups = AtStart.class)
    int wholeProjects();
}
