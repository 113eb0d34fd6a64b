package io.github.gitlabqueueadapter.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Azure Container Apps examples, checked offline: the app's YAML has what `az containerapp create --yaml` needs
 * (it ignores every other flag, --environment included), every secret reference resolves to a secret of the same
 * file or command, the scale rule reads a pool, and the job's runner gets its token from a secret reference in its
 * environment and takes one job. The scripts pass `bash -n`.
 */
class AcaExamplesTest {

    private static final Path EXAMPLES = Path.of("examples");
    private static final Set<String> RUNNER_ENV = Set.of("CI_SERVER_URL", "CI_SERVER_TOKEN", "RUNNER_EXECUTOR");

    private static void assertReadsAPool(String where, String url) {
        URI uri = URI.create(url);
        assertTrue(uri.getScheme().startsWith("http") && uri.getHost() != null, where + ": " + url);
        assertTrue(uri.getRawPath().matches("/queues/pools/[^/]+"), where + " reads a pool: " + url);
    }

    @Test
    void theAppYamlHasWhatAzCreateYamlNeedsAndEveryReferenceResolves() throws Exception {
        Path file = EXAMPLES.resolve("aca-app.yaml");
        JsonNode app = new YAMLMapper().readTree(file.toFile());
        assertEquals("Microsoft.App/containerApps", app.path("type").asText());
        assertFalse(app.path("location").asText().isBlank(), "location (required by the API)");
        assertFalse(app.path("name").asText().isBlank());
        JsonNode properties = app.path("properties");
        assertTrue(
                properties
                        .path("environmentId")
                        .asText()
                        .matches("/subscriptions/[^/]+/resourceGroups/[^/]+"
                                + "/providers/Microsoft\\.App/managedEnvironments/[^/]+"),
                "properties.environmentId is an environment's resource id: " + properties.path("environmentId"));
        for (String line : Files.readAllLines(file)) {
            if (line.contains("az containerapp create")) {
                assertTrue(
                        line.contains("--yaml") && !line.contains("--environment"),
                        "with --yaml, az ignores --environment: the file names it: " + line);
            }
        }

        Set<String> secrets = new java.util.HashSet<>();
        for (JsonNode secret : properties.path("configuration").path("secrets")) {
            assertTrue(secret.has("name") && (secret.has("value") || secret.has("keyVaultUrl")), secret.toString());
            secrets.add(secret.path("name").asText());
        }
        JsonNode containers = properties.path("template").path("containers");
        assertTrue(containers.size() > 0);
        for (JsonNode container : containers) {
            assertFalse(
                    container.path("name").asText().isBlank()
                            || container.path("image").asText().isBlank(),
                    container.toString());
            Map<String, JsonNode> env = new LinkedHashMap<>();
            container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
            for (JsonNode e : env.values()) {
                assertTrue(e.has("value") ^ e.has("secretRef"), "value or secretRef: " + e);
                assertTrue(
                        !e.has("secretRef")
                                || secrets.contains(e.path("secretRef").asText()),
                        "env " + e.path("name").asText() + " refers to a secret the file defines: " + secrets);
            }
            assertTrue(env.keySet().containsAll(RUNNER_ENV), "run-single reads " + RUNNER_ENV + ": " + env.keySet());
            assertTrue(env.get("CI_SERVER_TOKEN").has("secretRef"), "the runner token is a secret reference");
            assertFalse(container.path("args").toString().toLowerCase().contains("token"), "no token in args");
            assertEquals("run-single", container.path("args").get(0).asText());
        }
        JsonNode rules = properties.path("template").path("scale").path("rules");
        assertEquals(1, rules.size());
        for (JsonNode rule : rules) {
            JsonNode custom = rule.path("custom");
            assertEquals("metrics-api", custom.path("type").asText());
            JsonNode metadata = custom.path("metadata");
            for (String key : List.of("url", "valueLocation", "targetValue")) {
                assertTrue(
                        metadata.path(key).isTextual()
                                && !metadata.path(key).asText().isBlank(),
                        key + " in " + metadata);
            }
            assertReadsAPool("aca-app.yaml", metadata.path("url").asText());
            for (JsonNode auth : custom.path("auth")) {
                assertTrue(
                        secrets.contains(auth.path("secretRef").asText()),
                        "scale rule auth refers to a defined secret: " + auth);
                assertEquals("apiKey", auth.path("triggerParameter").asText());
            }
        }
    }

    /** The flags of one az command and their values, split as az's argparse does: a word starting with "-" and
     *  holding no space is a flag (az reads such a value as one of its own flags), anything else a value. */
    static Map<String, List<String>> azFlags(List<String> words) {
        Map<String, List<String>> flags = new LinkedHashMap<>();
        String current = null;
        for (String word : words.subList(4, words.size())) { // after "az containerapp job create"
            if (word.startsWith("-") && !word.contains(" ")) {
                current = word;
                assertFalse(flags.containsKey(current), current + " given twice");
                flags.put(current, new ArrayList<>());
            } else {
                assertNotNull(current, "a value before any flag: " + word);
                flags.get(current).add(word);
            }
        }
        return flags;
    }

    private static List<String> scriptCommand(Path script) throws Exception {
        return Readme.words(joinedLines(Files.readString(script)).stream()
                .filter(l -> l.startsWith("az containerapp job create"))
                .findFirst()
                .orElseThrow());
    }

    private static List<String> joinedLines(String text) {
        return List.of(text.replace("\\\n", " ").split("\n")).stream()
                .map(String::strip)
                .toList();
    }

    @Test
    void theJobScriptPassesTheTokenAsASecretReferenceAndRunsOneJobPerExecution() throws Exception {
        Map<String, List<String>> flags = azFlags(scriptCommand(EXAMPLES.resolve("aca-job.sh")));
        assertEquals(List.of("Event"), flags.get("--trigger-type"));

        Map<String, String> secrets = new LinkedHashMap<>();
        for (String secret : flags.get("--secrets")) {
            String[] kv = secret.split("=", 2);
            secrets.put(kv[0], kv[1]);
        }
        for (String value : secrets.values()) {
            assertTrue(
                    value.matches("\\$\\{[A-Z_]+}"),
                    "secret values come from the caller's environment, not the file: " + value);
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String var : flags.get("--env-vars")) {
            String[] kv = var.split("=", 2);
            env.put(kv[0], kv[1]);
        }
        assertTrue(env.keySet().containsAll(RUNNER_ENV), "run-single reads " + RUNNER_ENV + ": " + env.keySet());
        String token = env.get("CI_SERVER_TOKEN");
        assertTrue(
                token.startsWith("secretref:") && secrets.containsKey(token.substring("secretref:".length())),
                "CI_SERVER_TOKEN is a reference to one of --secrets: " + token + " " + secrets.keySet());
        for (Map.Entry<String, String> e : env.entrySet()) {
            assertFalse(
                    e.getValue().contains("${"),
                    e.getKey() + ": a secret's value goes through --secrets, not --env-vars");
        }

        List<String> command = new ArrayList<>(flags.get("--command"));
        command.addAll(flags.get("--args"));
        String run = String.join(" ", command);
        assertFalse(
                run.contains("$") || run.toLowerCase().contains("token"),
                "no token, no variable no shell expands: " + run);
        // GNU env -S splits its one argument into the runner's command line
        List<String> argv = command.get(0).equals("env") && command.get(1).startsWith("-S ")
                ? Readme.words(command.get(1).substring(3))
                : command;
        assertEquals(List.of("gitlab-runner", "run-single"), argv.subList(0, 2), run);
        int maxBuilds = argv.indexOf("--max-builds");
        int waitTimeout = argv.indexOf("--wait-timeout");
        assertTrue(maxBuilds > 0 && argv.get(maxBuilds + 1).equals("1"), "one job per execution: " + run);
        assertTrue(waitTimeout > 0 && Integer.parseInt(argv.get(waitTimeout + 1)) > 0, "a wait timeout: " + run);
        assertTrue(
                Integer.parseInt(flags.get("--replica-timeout").get(0)) > Integer.parseInt(argv.get(waitTimeout + 1)),
                "the execution ends by itself before ACA's replica timeout");

        assertEquals(List.of("metrics-api"), flags.get("--scale-rule-type"));
        Map<String, String> metadata = new LinkedHashMap<>();
        for (String pair : flags.get("--scale-rule-metadata")) {
            String[] kv = pair.split("=", 2);
            metadata.put(kv[0], kv[1]);
        }
        assertTrue(metadata.keySet().containsAll(List.of("url", "valueLocation", "targetValue")), metadata.toString());
        assertReadsAPool("aca-job.sh", metadata.get("url"));
        assertEquals("total", metadata.get("valueLocation"), "a job reads the pool's total");
        String auth = flags.get("--scale-rule-auth").get(0);
        assertTrue(
                auth.startsWith("apiKey=") && secrets.containsKey(auth.substring("apiKey=".length())),
                "the scale rule's key is one of --secrets: " + auth);
    }

    @Test
    void theDocsShowTheJobScriptsCommand() throws Exception {
        List<String> docs = Readme.command(Readme.doc("autoscalers.md"), "az", "containerapp", "job", "create");
        assertEquals(
                scriptCommand(EXAMPLES.resolve("aca-job.sh")),
                docs,
                "docs/autoscalers.md's az command is examples/aca-job.sh's");
    }

    @Test
    void everyExampleScriptParses() throws Exception {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            scripts = files.filter(f -> f.toString().endsWith(".sh")).sorted().toList();
        }
        assertTrue(scripts.size() >= 2);
        for (Path script : scripts) {
            Process bash = new ProcessBuilder("bash", "-n", script.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, bash.exitValue(), "bash -n " + script + "\n" + output);
        }
    }
}
