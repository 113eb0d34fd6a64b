package io.github.gitlabqueueadapter.domain;

/** One queue: a project, a pool or a group, by the name its endpoint shows. */
public record QueueKey(QueueKind kind, String name) {

    public static QueueKey of(ProjectRef project) {
        return project(project.name());
    }

    public static QueueKey of(PoolDefinition pool) {
        return pool(pool.name());
    }

    public static QueueKey of(GroupRef group) {
        return group(group.name());
    }

    public static QueueKey project(String name) {
        return new QueueKey(QueueKind.PROJECT, name);
    }

    public static QueueKey pool(String name) {
        return new QueueKey(QueueKind.POOL, name);
    }

    public static QueueKey group(String name) {
        return new QueueKey(QueueKind.GROUP, name);
    }
}
