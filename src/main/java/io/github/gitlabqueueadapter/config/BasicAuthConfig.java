package io.github.gitlabqueueadapter.config;

import java.util.Optional;

/** A user name and password accepted with {@code Authorization: Basic}. */
public interface BasicAuthConfig {

    Optional<String> username();

    /** Never logged. */
    Optional<String> password();
}
