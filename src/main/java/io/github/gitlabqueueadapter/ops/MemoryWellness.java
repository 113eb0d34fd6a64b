package io.github.gitlabqueueadapter.ops;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.MemoryFit;
import io.github.gitlabqueueadapter.domain.announcements.ProjectLeft;
import io.github.gitlabqueueadapter.domain.announcements.ProjectsJoined;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

/**
 * Whether the watched projects fit the heap ({@link MemoryFit}): checked at start with the named projects, and again
 * when a group listing brings projects or projects leave. Too many is logged once when it starts (with the numbers)
 * and once when it ends, and shown by {@code /q/health/well}; the adapter keeps running, as it can until the heap
 * fills.
 */
@Wellness
@ApplicationScoped
public class MemoryWellness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(MemoryWellness.class);

    private final WatchedProjects watched;
    private final int wholeProjects;
    private boolean tooMany;

    MemoryWellness(WatchedProjects watched, AdapterConfig config) {
        this.watched = watched;
        this.wholeProjects = config.history().wholeProjects();
    }

    void started(@Observes StartupEvent event) {
        check();
    }

    void joined(@Observes ProjectsJoined joined) {
        check();
    }

    void left(@Observes ProjectLeft left) {
        check();
    }

    private MemoryFit fit() {
        return new MemoryFit(
                watched.all().size(), wholeProjects, Runtime.getRuntime().maxMemory());
    }

    private synchronized void check() {
        MemoryFit fit = fit();
        if (!fit.fits() && !tooMany) {
            LOG.warnf(
                    "More projects than the heap holds: %s. Raise the pod's memory limit (the chart's README gives"
                            + " memory per 1,000 projects), or watch fewer projects",
                    fit.describe());
        } else if (fit.fits() && tooMany) {
            LOG.infof("The watched projects fit the heap again: %s", fit.describe());
        }
        tooMany = !fit.fits();
    }

    @Override
    public HealthCheckResponse call() {
        MemoryFit fit = fit();
        return HealthCheckResponse.named("memory")
                .status(fit.fits())
                .withData("projects", fit.projects())
                .withData("estimate", fit.describe())
                .build();
    }
}
