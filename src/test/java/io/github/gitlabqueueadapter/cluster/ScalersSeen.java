package io.github.gitlabqueueadapter.cluster;

import io.github.gitlabqueueadapter.domain.announcements.ScalersObserved;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects every {@link ScalersObserved} the application announces, for the tests to read. */
@Singleton
public class ScalersSeen {

    private final List<ScalersObserved> seen = new CopyOnWriteArrayList<>();

    void on(@Observes ScalersObserved observed) {
        seen.add(observed);
    }

    public List<ScalersObserved> all() {
        return List.copyOf(seen);
    }

    public void clear() {
        seen.clear();
    }
}
