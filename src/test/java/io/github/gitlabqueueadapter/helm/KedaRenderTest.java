package io.github.gitlabqueueadapter.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The install as the README writes it, with KEDA's side: every name, namespace, port, Secret key and URL that a
 * TriggerAuthentication, ScaledObject or ScaledJob uses (the chart's own, examples/ and those of the README and docs/)
 * exists in the same render, and every KEDA object fits KEDA's CRD schemas. Runs where a helm binary is given.
 */
class KedaRenderTest {

    private static final Path README = Readme.README;
    private static final Path KEDA_VALUES = Path.of("examples", "helm-values-keda.yaml");
    private static final Set<String> KEDA_KINDS = Set.of("TriggerAuthentication", "ScaledObject", "ScaledJob");
    private static final Pattern QUEUE_PATH = Pattern.compile("/queues/(projects|pools|groups)/([^/?]+)");
    private static final Pattern VAR = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    @BeforeAll
    static void needsHelm() {
        Helm.assumeAvailable();
    }

    /** The README's `helm install ...` line, as its words after "helm". */
    private static List<String> readmeInstall() throws Exception {
        List<String> words = Readme.command(README, "helm", "install");
        return new ArrayList<>(words.subList(1, words.size()));
    }

    /** What the README's install line renders, with more arguments after it. */
    private static List<JsonNode> renderReadme(String... more) throws Exception {
        List<String> args = readmeInstall();
        args.set(0, "template");
        args.addAll(List.of(more));
        return Helm.documents(Helm.run(args));
    }

    private static String namespaceOf(List<String> args) {
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equals("--namespace") || args.get(i).equals("-n")) {
                return args.get(i + 1);
            }
        }
        return "default";
    }

    /** The Secret's stringData, key by key. */
    private static Map<String, String> secretData(List<JsonNode> docs, String name) {
        Map<String, String> data = new HashMap<>();
        for (JsonNode secret : Helm.all(docs, "Secret")) {
            if (secret.path("metadata").path("name").asText().equals(name)) {
                secret.path("stringData")
                        .fields()
                        .forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
                return data;
            }
        }
        throw new AssertionError("no Secret " + name + " in the render");
    }

    /** The value of one of the adapter's variables as the kubelet builds it: secretKeyRefs read, $(VAR) expanded. */
    private static String expandedEnv(List<JsonNode> docs, String name) {
        Map<String, String> defined = new HashMap<>();
        for (JsonNode e : Helm.adapterContainer(docs).path("env")) {
            String value;
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                Map<String, String> secret = secretData(docs, ref.path("name").asText());
                String key = ref.path("key").asText();
                assertTrue(
                        secret.containsKey(key) || ref.path("optional").asBoolean(),
                        e.path("name").asText() + " reads " + key + ", which the Secret does not hold");
                value = secret.get(key);
            } else {
                Matcher m = VAR.matcher(e.path("value").asText());
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    assertTrue(
                            defined.containsKey(m.group(1)),
                            "$(" + m.group(1) + ") in " + e.path("name").asText()
                                    + " names no variable defined before it: it would stay as literal text");
                    m.appendReplacement(out, Matcher.quoteReplacement(defined.get(m.group(1))));
                }
                m.appendTail(out);
                value = out.toString();
            }
            if (value != null) {
                defined.put(e.path("name").asText(), value);
            }
        }
        return defined.get(name);
    }

    /** The queues the rendered adapter watches: kind -> names. */
    private static Map<String, Set<String>> watched(List<JsonNode> docs) {
        Map<String, Set<String>> queues = new HashMap<>();
        queues.put("projects", split(Objects.toString(Helm.setting(docs, "adapter.projects"), "")));
        queues.put("groups", split(Objects.toString(Helm.setting(docs, "adapter.groups"), "")));
        Set<String> pools = new LinkedHashSet<>();
        String properties = Helm.all(docs, "ConfigMap").stream()
                .map(c -> c.path("data").path("application.properties"))
                .filter(JsonNode::isTextual)
                .findFirst()
                .orElseThrow()
                .asText();
        Matcher m = Pattern.compile("(?m)^adapter\\.pools\\.([^.]+)\\.").matcher(properties);
        while (m.find()) {
            pools.add(m.group(1));
        }
        queues.put("pools", pools);
        return queues;
    }

    private static Set<String> split(String list) {
        Set<String> items = new LinkedHashSet<>();
        for (String item : list.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    /** A metrics-api URL names this render's Service, namespace and port, and a queue the adapter serves. */
    private static void assertServed(String where, String url, List<JsonNode> docs, String namespace) {
        JsonNode service = Helm.one(docs, "Service");
        String host = service.path("metadata").path("name").asText() + "." + namespace + ".svc.cluster.local";
        URI uri = URI.create(url);
        assertEquals("http", uri.getScheme(), where + ": " + url);
        assertEquals(host, uri.getHost(), where + ": the host of " + url + " is the release's Service in " + namespace);
        assertEquals(
                service.path("spec").path("ports").get(0).path("port").asInt(),
                uri.getPort(),
                where + ": port of " + url);
        Matcher path = QUEUE_PATH.matcher(uri.getRawPath());
        assertTrue(path.matches(), where + ": " + url + " is a queue's endpoint");
        String name = URLDecoder.decode(path.group(2), StandardCharsets.UTF_8);
        Map<String, Set<String>> watched = watched(docs);
        boolean served = watched.get(path.group(1)).contains(name)
                // a member of a watched group (or subgroup) is served at /queues/projects/<its path> too
                || path.group(1).equals("projects")
                        && watched.get("groups").stream().anyMatch(g -> name.startsWith(g + "/"));
        assertTrue(
                served,
                where + ": " + url + " reads " + path.group(1) + " " + name + ", which the adapter does not watch: "
                        + watched);
    }

    private static void assertFitsKedasSchema(String where, JsonNode object) {
        List<String> violations = KedaSchema.violations(object);
        assertTrue(
                violations.isEmpty(),
                where + " " + object.path("kind").asText() + " against KEDA's CRD: " + violations);
    }

    /** Every metrics-api trigger of a ScaledObject or ScaledJob. */
    private static List<JsonNode> triggers(JsonNode scaler) {
        List<JsonNode> triggers = new ArrayList<>();
        scaler.path("spec").path("triggers").forEach(triggers::add);
        return triggers;
    }

    @Test
    void theReadmeInstallWithKedaValuesReferencesOnlyWhatItRenders() throws Exception {
        String namespace = namespaceOf(readmeInstall());
        assertEquals("ci", namespace, "the README installs in the namespace its examples name");
        List<JsonNode> docs = renderReadme("-f", KEDA_VALUES.toString());
        List<JsonNode> keda = docs.stream()
                .filter(d -> KEDA_KINDS.contains(d.path("kind").asText()))
                .toList();
        assertEquals(1, Helm.all(docs, "TriggerAuthentication").size());
        assertEquals(1, Helm.all(docs, "ScaledObject").size());
        assertEquals(1, Helm.all(docs, "ScaledJob").size());
        JsonNode auth = Helm.one(docs, "TriggerAuthentication");
        for (JsonNode object : keda) {
            String where = object.path("kind").asText() + " "
                    + object.path("metadata").path("name").asText();
            assertFitsKedasSchema(where, object);
            assertEquals(
                    namespace,
                    object.path("metadata").path("namespace").asText(),
                    where + " is in the release's namespace");
            for (JsonNode trigger : triggers(object)) {
                assertEquals("metrics-api", trigger.path("type").asText());
                assertServed(where, trigger.path("metadata").path("url").asText(), docs, namespace);
                assertEquals("apiKey", trigger.path("metadata").path("authMode").asText(), where);
                assertEquals(
                        auth.path("metadata").path("name").asText(),
                        trigger.path("authenticationRef").path("name").asText(),
                        where + " uses the chart's TriggerAuthentication");
            }
        }
        assertEquals(
                "total",
                triggers(Helm.one(docs, "ScaledJob"))
                        .get(0)
                        .path("metadata")
                        .path("valueLocation")
                        .asText(),
                "a ScaledJob of single-job runners reads a pool's total");
        JsonNode objectTrigger = triggers(Helm.one(docs, "ScaledObject")).get(0).path("metadata");
        assertEquals(
                List.of("desired", "1"),
                List.of(
                        objectTrigger.path("valueLocation").asText(),
                        objectTrigger.path("targetValue").asText()),
                "a ScaledObject reads the runners its pool wants, one replica each");

        JsonNode ref = auth.path("spec").path("secretTargetRef").get(0);
        assertEquals("apiKey", ref.path("parameter").asText());
        Map<String, String> secret = secretData(docs, ref.path("name").asText());
        String sent = secret.get(ref.path("key").asText());
        assertNotNull(sent, "the TriggerAuthentication's key " + ref.path("key").asText() + " is in the Secret");
        assertFalse(sent.contains(","), "KEDA sends exactly one key");
        assertTrue(
                split(expandedEnv(docs, "ADAPTER_AUTH_API_KEYS")).contains(sent),
                "the adapter accepts the key KEDA sends");
    }

    @Test
    void theExamplesAndTheReadmeNameWhatTheReadmeInstallCreates() throws Exception {
        String namespace = namespaceOf(readmeInstall());
        // the README's story: install, then upgrade with the KEDA values (which add the pool the examples read)
        List<JsonNode> docs = renderReadme("-f", KEDA_VALUES.toString());
        JsonNode secret = Helm.one(docs, "Secret");
        Map<String, String> secretKeys =
                secretData(docs, secret.path("metadata").path("name").asText());

        List<JsonNode> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("keda-"))
                    .sorted()
                    .toList()) {
                objects.addAll(Helm.documents(Files.readString(file)));
            }
        }
        for (String block : Readme.blocks(Readme.everyPage(), "yaml")) {
            objects.addAll(Helm.documents(block));
        }
        objects = objects.stream()
                .filter(d -> KEDA_KINDS.contains(d.path("kind").asText()))
                .filter(d -> !TlsChartTest.isTlsMode(d)) // read over HTTPS: TlsChartTest checks those
                .toList();
        Set<String> authNames = new LinkedHashSet<>();
        for (JsonNode object : objects) {
            String where = "examples/README " + object.path("kind").asText() + " "
                    + object.path("metadata").path("name").asText();
            assertFitsKedasSchema(where, object);
            assertEquals(
                    namespace,
                    object.path("metadata").path("namespace").asText(),
                    where + " names the install's namespace");
            if (object.path("kind").asText().equals("TriggerAuthentication")) {
                authNames.add(object.path("metadata").path("name").asText());
                for (JsonNode ref : object.path("spec").path("secretTargetRef")) {
                    assertEquals(
                            secret.path("metadata").path("name").asText(),
                            ref.path("name").asText(),
                            where + " reads the chart's Secret");
                    assertTrue(
                            secretKeys.containsKey(ref.path("key").asText()),
                            where + ": the Secret has no key " + ref.path("key").asText() + " (it has "
                                    + secretKeys.keySet() + ")");
                }
            }
        }
        assertEquals(
                2,
                authNames.size() + 1,
                "one TriggerAuthentication name, the same in examples/, the README and docs/: " + authNames);
        int triggers = 0;
        for (JsonNode object : objects) {
            for (JsonNode trigger : triggers(object)) {
                String where = "examples/README " + object.path("kind").asText() + " "
                        + object.path("metadata").path("name").asText();
                assertServed(where, trigger.path("metadata").path("url").asText(), docs, namespace);
                assertTrue(
                        authNames.contains(
                                trigger.path("authenticationRef").path("name").asText()),
                        where + " names a TriggerAuthentication of the examples");
                triggers++;
            }
        }
        assertTrue(triggers >= 5, "the triggers of examples/, the README and docs/ were all checked: " + triggers);
    }

    @Test
    void duringARotationTheAdapterTakesBothKeysAndKedaSendsOne() throws Exception {
        List<JsonNode> docs = renderReadme(
                "--set",
                "secret.apiKey=old-key-0123456789abcdef",
                "--set",
                "secret.apiKeyNext=new-key-0123456789abcdef",
                "--set",
                "keda.enabled=true",
                "--set",
                "keda.authentication.secretKey=api-key-next");
        Map<String, String> secret = secretData(
                docs, Helm.one(docs, "Secret").path("metadata").path("name").asText());
        assertEquals(Set.of("gitlab-token", "api-key", "api-key-next"), secret.keySet(), "one Secret key per API key");
        assertEquals("old-key-0123456789abcdef,new-key-0123456789abcdef", expandedEnv(docs, "ADAPTER_AUTH_API_KEYS"));
        JsonNode ref = Helm.one(docs, "TriggerAuthentication").path("spec").path("secretTargetRef");
        assertEquals(1, ref.size());
        assertEquals(
                "new-key-0123456789abcdef", secret.get(ref.get(0).path("key").asText()));
        assertFalse(
                Helm.one(docs, "Deployment").toString().contains("key-0123456789abcdef"), "no key in the Deployment");
    }

    @Test
    void theGeneratedKeyIsReadBackWithKubectlAndShownNowhere() throws Exception {
        List<JsonNode> docs = renderReadme();
        String key = secretData(docs, "gitlab-queue-adapter").get("api-key");
        assertTrue(key != null && key.matches("[A-Za-z0-9]{40}"), "a generated key of 40 characters: " + key);
        assertEquals(key, expandedEnv(docs, "ADAPTER_AUTH_API_KEYS"));

        String notes = Helm.notes(readmeInstall());
        assertTrue(
                notes.contains(
                        "kubectl get secret -n ci gitlab-queue-adapter -o jsonpath='{.data.api-key}' | base64 -d"),
                notes);
        assertTrue(
                notes.contains("http://gitlab-queue-adapter.ci.svc.cluster.local:8080/queues/groups/platform"), notes);
        assertFalse(notes.contains("/queues/projects/"), "only groups are configured: no project URL\n" + notes);
        assertFalse(notes.contains("glpat-"), "no token in the notes");
        String readme = Files.readString(README);
        assertTrue(
                readme.contains(
                        "kubectl get secret -n ci gitlab-queue-adapter -o jsonpath='{.data.api-key}' | base64 -d"),
                "the README gives the same command");
    }

    @Test
    void theNotesListEveryConfiguredQueueAndTheKedaObjects() throws Exception {
        String notes = Helm.notes(List.of(
                "install",
                "gitlab-queue-adapter",
                Helm.CHART.toString(),
                "-n",
                "ci",
                "-f",
                Helm.CHART.resolve("ci/full-values.yaml").toString()));
        String base = "http://gitlab-queue-adapter.ci.svc.cluster.local:8080";
        for (String path : List.of(
                "/queues/projects/platform%2Fapi",
                "/queues/projects/12270857", "/queues/pools/docker", "/queues/groups/platform")) {
            assertTrue(notes.contains(base + path + "\n"), path + " in\n" + notes);
        }
        assertTrue(notes.contains("ScaledJob gitlab-runner-docker: total of " + base + "/queues/pools/docker"), notes);
        assertTrue(notes.contains("key api-key-next"), notes);
        assertFalse(notes.contains("example-api-key") || notes.contains("example-next-api-key"), "no key in the notes");
        assertTrue(notes.contains("jsonpath='{.data.api-key}'"), notes);
    }

    @Test
    void everyKedaObjectOfTheFullValuesFitsKedasSchema() throws Exception {
        List<JsonNode> docs = Helm.template(
                "gitlab-queue-adapter",
                List.of(
                        "-n",
                        "ci",
                        "-f",
                        Helm.CHART.resolve("ci/full-values.yaml").toString()));
        int checked = 0;
        for (JsonNode object : docs) {
            if (KEDA_KINDS.contains(object.path("kind").asText())) {
                assertFitsKedasSchema(object.path("metadata").path("name").asText(), object);
                for (JsonNode trigger : triggers(object)) {
                    assertServed(
                            object.path("metadata").path("name").asText(),
                            trigger.path("metadata").path("url").asText(),
                            docs,
                            "ci");
                }
                checked++;
            }
        }
        assertEquals(4, checked, "a TriggerAuthentication, two ScaledObjects and a ScaledJob");
    }

    @Test
    void theSchemaCheckCatchesWhatKedaWouldRefuse() {
        JsonNode bad = new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(Map.of(
                        "apiVersion",
                        "keda.sh/v1alpha1",
                        "kind",
                        "ScaledObject",
                        "metadata",
                        Map.of("name", "x"),
                        "spec",
                        Map.of(
                                "scaleTargetRef",
                                Map.of("name", "r"),
                                "maxReplicaCount",
                                0,
                                "fallback",
                                Map.of("replicas", 2),
                                "triggers",
                                List.of(Map.of(
                                        "type",
                                        "metrics-api",
                                        "metadata",
                                        Map.of("targetValue", 4),
                                        "authenticationRef",
                                        Map.of("name", "a", "kind", "Secret"))),
                                "minReplicas",
                                1)));
        List<String> violations = KedaSchema.violations(bad);
        assertEquals(5, violations.size(), violations.toString());
        assertTrue(
                violations.toString().contains("ScaledObject.spec.minReplicas: unknown field"), violations.toString());
    }

    @Test
    void aKedaEntryTheAdapterWouldAnswer404IsRefused() throws Exception {
        List<String> base =
                new ArrayList<>(List.of("template", "x", Helm.CHART.toString(), "-f", KEDA_VALUES.toString()));
        Map<List<String>, String> refusals = Map.of(
                List.of("--set", "keda.scaledJobs[0].pool=nope"),
                        "reads pool \"nope\", which adapter.pools does not name",
                List.of("--set", "keda.scaledObjects[0].project=platform/api"),
                        "name exactly one of project, pool or group",
                List.of("--set", "secret.apiKeys=old-style-list-0123456789"),
                        "replaced by secret.apiKey and secret.apiKeyNext",
                List.of("--set", "keda.authentication.secretKey=api-key-next"),
                        "is not one of the Secret keys holding API keys");
        Helm.assertRefused(base, refusals);
    }

    @Test
    void withoutAnApiKeyNothingSendsOne() throws Exception {
        List<JsonNode> docs = renderReadme("--set", "secret.generateApiKey=false", "-f", KEDA_VALUES.toString());
        assertEquals(null, Helm.one(docs, "TriggerAuthentication"));
        assertEquals(null, Helm.env(Helm.adapterContainer(docs), "ADAPTER_AUTH_API_KEYS"));
        for (JsonNode scaler : Stream.concat(
                        Helm.all(docs, "ScaledObject").stream(), Helm.all(docs, "ScaledJob").stream())
                .toList()) {
            for (JsonNode trigger : triggers(scaler)) {
                assertFalse(
                        trigger.has("authenticationRef")
                                || trigger.path("metadata").has("authMode"),
                        trigger.toString());
            }
        }
        List<String> install = readmeInstall();
        install.addAll(List.of("--set", "secret.generateApiKey=false"));
        assertTrue(Helm.notes(install).contains("No API key is configured"));
    }
}
