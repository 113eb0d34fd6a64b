package io.github.gitlabqueueadapter.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/** The ids of the last deliveries ({@code X-Gitlab-Event-UUID}), to drop a delivery GitLab repeats. Bounded. */
final class SeenEvents {

    private final Map<String, Boolean> ids;

    SeenEvents(int capacity) {
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time an id is offered; a null or blank id is never a repeat. */
    synchronized boolean firstTime(String id) {
        if (id == null || id.isBlank()) {
            return true;
        }
        return ids.put(id, Boolean.TRUE) == null;
    }
}
