package io.github.gitlabqueueadapter.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a KEDA object against the subset of KEDA's CRD schemas in src/test/resources/keda/crd-subset.yaml: required
 * fields, types, enums, minimums, and no field the CRD does not define (the API server's strict field validation
 * refuses those).
 */
final class KedaSchema {

    private static final JsonNode SCHEMA = load();

    private KedaSchema() {}

    private static JsonNode load() {
        try (InputStream in = KedaSchema.class.getResourceAsStream("/keda/crd-subset.yaml")) {
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every violation, as "path: what"; empty when the object fits. */
    static List<String> violations(JsonNode object) {
        List<String> found = new ArrayList<>();
        String kind = object.path("kind").asText();
        JsonNode schema = SCHEMA.path("kinds").path(kind);
        if (schema.isMissingNode()) {
            found.add("kind " + kind + " is not a KEDA kind this check knows");
            return found;
        }
        check(object, schema, kind, found);
        return found;
    }

    private static void check(JsonNode value, JsonNode schema, String path, List<String> found) {
        if (schema.has("ref")) {
            check(value, SCHEMA.path("definitions").path(schema.path("ref").asText()), path, found);
            return;
        }
        String type = schema.path("type").asText();
        if (!hasType(value, type)) {
            found.add(path + ": " + type + " expected, got " + value.getNodeType() + " " + value);
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.path("enum")) {
                listed |= allowed.asText().equals(value.asText());
            }
            if (!listed) {
                found.add(path + ": " + value + " is not one of " + schema.path("enum"));
            }
        }
        if (schema.has("minimum") && value.asLong() < schema.path("minimum").asLong()) {
            found.add(path + ": " + value + " is below the minimum " + schema.path("minimum"));
        }
        if (schema.has("minLength")
                && value.asText().length() < schema.path("minLength").asInt()) {
            found.add(path + ": shorter than " + schema.path("minLength"));
        }
        if (type.equals("array")) {
            if (schema.has("minItems") && value.size() < schema.path("minItems").asInt()) {
                found.add(path + ": fewer than " + schema.path("minItems") + " items");
            }
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.path("items"), path + "[" + i + "]", found);
            }
        }
        if (type.equals("object") && !schema.path("opaque").asBoolean()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    found.add(path + ": the required field " + required.asText() + " is missing");
                }
            }
            value.fields().forEachRemaining(field -> {
                String at = path + "." + field.getKey();
                if (schema.path("properties").has(field.getKey())) {
                    check(field.getValue(), schema.path("properties").path(field.getKey()), at, found);
                } else if (schema.has("additionalProperties")) {
                    check(field.getValue(), schema.path("additionalProperties"), at, found);
                } else {
                    found.add(at + ": unknown field");
                }
            });
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            default -> throw new IllegalArgumentException("type " + type + " in crd-subset.yaml");
        };
    }
}
