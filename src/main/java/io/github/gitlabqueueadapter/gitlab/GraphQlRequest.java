package io.github.gitlabqueueadapter.gitlab;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** A GraphQL request's body: the query and its variables (a null variable is sent as JSON null). */
@RegisterForReflection
public record GraphQlRequest(String query, Map<String, Object> variables) {}
