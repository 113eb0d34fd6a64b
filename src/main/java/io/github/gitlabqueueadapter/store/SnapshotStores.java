package io.github.gitlabqueueadapter.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Makes the one {@link SnapshotStore} of the application. A producer rather than two beans of one type, so that the
 * choice of store can be made at run time, from configuration, and the store not chosen is never created.
 */
@ApplicationScoped
class SnapshotStores {

    @Produces
    @ApplicationScoped
    SnapshotStore snapshotStore() {
        return new InMemorySnapshotStore();
    }
}
