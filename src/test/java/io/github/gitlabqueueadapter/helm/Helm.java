package io.github.gitlabqueueadapter.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The helm binary the chart tests run ({@code -Dhelm.binary=...}, as .ci/run gives it), and what it renders. A test
 * that needs it calls {@link #assumeAvailable()} and is skipped, saying why, where none is given.
 */
final class Helm {

    static final Path CHART = Path.of("helm", "gitlab-queue-adapter");

    private Helm() {}

    static String binary() {
        return System.getProperty("helm.binary", "");
    }

    static void assumeAvailable() {
        String helm = binary();
        assumeTrue(!helm.isBlank() && Files.isExecutable(Path.of(helm)), "no helm binary given (-Dhelm.binary)");
    }

    /** What a helm command printed, stdout and stderr together, and how it exited. */
    record Result(int exitCode, String output) {}

    static Result exec(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "helm finished");
        return new Result(process.exitValue(), output);
    }

    /** Runs helm and fails the test unless it exits 0. */
    static String run(List<String> args) throws IOException, InterruptedException {
        Result result = exec(args);
        assertEquals(0, result.exitCode(), "helm " + String.join(" ", args) + "\n" + result.output());
        return result.output();
    }

    /**
     * Fails the test unless helm refuses each of {@code refusals} (extra arguments after {@code base}) with an output
     * that contains its message: settings the chart must not render.
     */
    static void assertRefused(List<String> base, java.util.Map<List<String>, String> refusals) throws Exception {
        for (java.util.Map.Entry<List<String>, String> refusal : refusals.entrySet()) {
            List<String> args = new ArrayList<>(base);
            args.addAll(refusal.getKey());
            Result result = exec(args);
            assertTrue(
                    result.exitCode() != 0 && result.output().contains(refusal.getValue()),
                    refusal + ":\n" + result.output());
        }
    }

    /** {@code helm template <release> <chart> <values...>}: every rendered object. */
    static List<JsonNode> template(String release, List<String> values) throws Exception {
        List<String> args = new ArrayList<>(List.of("template", release, CHART.toString()));
        args.addAll(values);
        return documents(run(args));
    }

    /** {@code helm template gitlab-queue-adapter <chart> -n ci --set <each of sets>}: the install most tests render. */
    static List<JsonNode> templateInCi(String... sets) throws Exception {
        List<String> args = new ArrayList<>(List.of("-n", "ci"));
        for (String set : sets) {
            args.add("--set");
            args.add(set);
        }
        return template("gitlab-queue-adapter", args);
    }

    static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it =
                new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && doc.has("kind")) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    /** The NOTES a {@code helm install} of these arguments prints (a client-side dry run: no cluster needed). */
    static String notes(List<String> installArgs) throws Exception {
        List<String> args = new ArrayList<>(installArgs);
        args.add("--dry-run=client");
        String output = run(args);
        int at = output.indexOf("\nNOTES:\n");
        assertTrue(at >= 0, "helm install prints NOTES:\n" + output);
        return output.substring(at + "\nNOTES:\n".length());
    }

    static List<JsonNode> all(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    /** The one object of this kind, or null. */
    static JsonNode one(List<JsonNode> docs, String kind) {
        List<JsonNode> found = all(docs, kind);
        assertTrue(
                found.size() <= 1,
                "at most one " + kind + ": "
                        + found.stream()
                                .map(d -> d.path("metadata").path("name").asText())
                                .toList());
        return found.isEmpty() ? null : found.get(0);
    }

    static JsonNode env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The application.properties the chart mounts (named by QUARKUS_CONFIG_LOCATIONS), as the adapter reads it. */
    static java.util.Properties properties(List<JsonNode> docs) {
        JsonNode file = all(docs, "ConfigMap").stream()
                .map(c -> c.path("data").path("application.properties"))
                .filter(JsonNode::isTextual)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap with application.properties"));
        java.util.Properties properties = new java.util.Properties();
        try {
            properties.load(new java.io.StringReader(file.asText()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return properties;
    }

    /**
     * The setting the adapter reads under this property key: the container's environment variable of that key (which
     * wins, as config_ordinal 275 puts the file below the environment's 300), else the mounted file's line; null when
     * neither has it.
     */
    static String setting(List<JsonNode> docs, String key) {
        JsonNode env = env(
                adapterContainer(docs), key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        if (env != null) {
            return env.path("value").asText();
        }
        return properties(docs).getProperty(key);
    }

    static JsonNode adapterContainer(List<JsonNode> docs) {
        return one(docs, "Deployment")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
    }
}
