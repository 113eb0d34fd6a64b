package io.github.gitlabqueueadapter.cluster;

import io.github.gitlabqueueadapter.cluster.ScalerTriggers.Match;
import io.github.gitlabqueueadapter.config.KubernetesConfig;
import io.github.gitlabqueueadapter.domain.announcements.ScalersObserved;
import io.github.gitlabqueueadapter.domain.announcements.ScalersObserved.Scaler;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * With {@code adapter.kubernetes.enabled}, every {@code adapter.kubernetes.interval}: reads the namespace's KEDA
 * objects, keeps those whose metrics-api triggers read this adapter's queues, adds their HPA's replicas or their
 * active Jobs, and announces them as one {@link ScalersObserved}. A reading that fails announces nothing; its
 * condition is logged once when it starts and once when it ends.
 */
@ApplicationScoped
public class ScalerWatch {

    private static final Logger LOG = Logger.getLogger(ScalerWatch.class);

    private final KubernetesConfig config;
    private final ClusterReads reads;
    private final Event<ScalersObserved> observed;
    private final Clock clock;
    /** The condition the last reading ended in; null after one that worked. Guarded by this. */
    private ClusterFault fault;
    /** Whether the last reading found more matches than max-objects. Guarded by this. */
    private boolean cut;

    ScalerWatch(KubernetesConfig config, ClusterReads reads, Event<ScalersObserved> observed, Clock clock) {
        this.config = config;
        this.reads = reads;
        this.observed = observed;
        this.clock = clock;
    }

    /** Skips every run while the side is off: the client is then never made, nor any request sent. */
    @Singleton
    static class Off implements Scheduled.SkipPredicate {
        private final KubernetesConfig config;

        Off(KubernetesConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.enabled();
        }
    }

    /** A reading still running when the next is due is not doubled. */
    @Scheduled(
            identity = "kubernetes-scalers",
            every = "${adapter.kubernetes.interval}",
            skipExecutionIf = Off.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep();
    }

    /** One reading and its announcement; whether it worked. Never throws. */
    synchronized boolean sweep() {
        String namespace = config.namespace().orElseGet(reads::ownNamespace);
        if (namespace == null || namespace.isBlank()) {
            return failed(ClusterFault.noNamespace());
        }
        ScalersObserved seen;
        try {
            seen = read(namespace);
        } catch (ClusterReadFailed e) {
            return failed(ClusterFault.of(e.what(), namespace, e.getCause(), config.timeout()));
        } catch (RuntimeException e) {
            return failed(ClusterFault.unexpected(e));
        }
        if (fault != null) {
            LOG.infof(
                    "Kubernetes side: reading KEDA objects in namespace %s works again (%d scalers read this adapter's"
                            + " queues)",
                    namespace, seen.scalers().size());
            fault = null;
        }
        try {
            observed.fire(seen);
        } catch (RuntimeException e) {
            // the reading worked; what follows from it failed: a bug, logged with its trace like the store's observers
            LOG.errorf(e, "An observer of %s failed; the reading was taken", ScalersObserved.class.getSimpleName());
        }
        return true;
    }

    private boolean failed(ClusterFault now) {
        if (fault == null || !fault.key().equals(now.key())) {
            LOG.warn("Kubernetes side: " + now.line());
        }
        fault = now;
        return false;
    }

    private ScalersObserved read(String namespace) {
        List<KedaObject> objects = new ArrayList<>(reads.keda(KedaObject.SCALED_OBJECT, namespace));
        objects.addAll(reads.keda(KedaObject.SCALED_JOB, namespace));
        List<Match> matches = limited(ScalerTriggers.matches(objects), namespace);

        Map<String, ClusterReads.Replicas> hpas =
                has(matches, KedaObject.SCALED_OBJECT) ? reads.hpas(namespace) : Map.of();
        Set<String> scaledJobs = matches.stream()
                .filter(m -> m.object().kind().equals(KedaObject.SCALED_JOB))
                .map(m -> m.object().name())
                .collect(Collectors.toSet());
        Map<String, Integer> active = scaledJobs.isEmpty() ? Map.of() : reads.activeJobs(namespace, scaledJobs);

        List<Scaler> scalers = new ArrayList<>(matches.size());
        for (Match match : matches) {
            KedaObject object = match.object();
            if (object.kind().equals(KedaObject.SCALED_OBJECT)) {
                ClusterReads.Replicas hpa = hpas.getOrDefault(object.hpaName(), new ClusterReads.Replicas(null, null));
                scalers.add(new Scaler(
                        match.queue(), object.kind(), namespace, object.name(), hpa.desired(), hpa.current(), null));
            } else {
                scalers.add(new Scaler(
                        match.queue(), object.kind(), namespace, object.name(), null, null, active.get(object.name())));
            }
        }
        return new ScalersObserved(clock.instant(), scalers);
    }

    /** The first max-objects matches; past it, logged once when it starts and once when it ends. */
    private List<Match> limited(List<Match> matches, String namespace) {
        int max = config.maxObjects();
        boolean over = matches.size() > max;
        if (over && !cut) {
            LOG.warnf(
                    "Kubernetes side: %d KEDA triggers in namespace %s read this adapter's queues, more than"
                            + " adapter.kubernetes.max-objects (%d); announcing the first %d by kind and name",
                    matches.size(), namespace, max, max);
        } else if (!over && cut) {
            LOG.infof(
                    "Kubernetes side: %d KEDA triggers in namespace %s read this adapter's queues, within"
                            + " adapter.kubernetes.max-objects (%d) again",
                    matches.size(), namespace, max);
        }
        cut = over;
        return over ? matches.subList(0, max) : matches;
    }

    private static boolean has(List<Match> matches, String kind) {
        return matches.stream().anyMatch(m -> m.object().kind().equals(kind));
    }
}
