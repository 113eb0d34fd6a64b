package io.github.gitlabqueueadapter.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart README's values table is the one values.yaml's comments make, as helm-docs would write it (there is no
 * helm-docs binary here): a value with a {@code # -- description} comment above it is one row, with its default
 * from values.yaml (or a {@code # @default -- text} line) and its type (or {@code # -- (type) description}); a map
 * without one is described by its keys, each a row of its own. Every leaf must be described, and the README must hold
 * exactly these rows, in values.yaml's order: a value added, renamed, removed or given another default without the
 * README following fails here, printing the table to paste under "## Values". {@code -DvaluesTable.write=true} writes
 * it into the README instead.
 */
class ValuesTableTest {

    private static final Path VALUES = Helm.CHART.resolve("values.yaml");
    private static final Path README = Helm.CHART.resolve("README.md");
    private static final String HEADER =
            "| Key | Type | Default | Description |\n|-----|------|---------|-------------|\n";

    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_./-]+):(?:\\s|$)");
    private static final Pattern LIST_ITEM = Pattern.compile("^( *)- ");
    private static final Pattern DESCRIPTION = Pattern.compile("^\\s*# -- ?(?:\\((\\w+)\\) )?(.*)$");
    private static final Pattern DEFAULT = Pattern.compile("^\\s*# @default -- ?(.*)$");
    private static final Pattern COMMENT = Pattern.compile("^\\s*# ?(.*)$");

    /** One value's comment: its description, and the type and default it overrides, if any. */
    record Doc(String description, String type, String defaultText) {}

    /** One row of the table. */
    record Row(String key, String type, String defaultText, String description) {
        String markdown() {
            return "| `" + key + "` | " + type + " | " + cell(defaultText) + " | " + cell(description) + " |";
        }
    }

    @Test
    void everyValueIsDescribedInValuesYaml() throws Exception {
        List<String> undescribed = rows().stream()
                .filter(row -> row.description().isBlank())
                .map(Row::key)
                .toList();
        assertTrue(
                undescribed.isEmpty(),
                "values.yaml: give each of these a '# -- description' comment above it: " + undescribed);
    }

    @Test
    void theReadmeTableIsTheOneValuesYamlMakes() throws Exception {
        String expected = table(rows());
        String readme = Files.readString(README);
        int heading = readme.indexOf("\n## Values\n");
        assertTrue(heading >= 0, README + " has a '## Values' section");
        int start = readme.indexOf("\n|", heading) + 1;
        int end = readme.indexOf("\n\n", start);
        end = end < 0 ? readme.length() : end + 1;
        String actual = readme.substring(start, end);
        if (!actual.equals(expected) && Boolean.getBoolean("valuesTable.write")) {
            Files.writeString(README, readme.substring(0, start) + expected + readme.substring(end));
            return;
        }
        assertEquals(
                expected,
                actual,
                "helm/gitlab-queue-adapter/README.md's values table differs from values.yaml's comments; the table"
                        + " values.yaml makes (or run this test with -DvaluesTable.write=true):\n\n" + expected);
    }

    /** The rows values.yaml makes, in its order. */
    static List<Row> rows() throws Exception {
        Map<String, Doc> docs = docs(Files.readAllLines(VALUES));
        JsonNode values = new YAMLMapper().readTree(VALUES.toFile());
        List<Row> rows = new ArrayList<>();
        walk("", values, docs, rows);
        List<String> stray = new ArrayList<>(docs.keySet());
        stray.removeAll(rows.stream().map(Row::key).toList());
        assertTrue(stray.isEmpty(), "values.yaml: '# --' comments on keys inside a described value: " + stray);
        return rows;
    }

    private static void walk(String path, JsonNode node, Map<String, Doc> docs, List<Row> rows) {
        Doc doc = docs.get(path);
        if (doc == null && node.isObject() && !node.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), docs, rows);
            }
            return;
        }
        String type = doc != null && doc.type() != null ? doc.type() : type(node);
        String defaultText = doc != null && doc.defaultText() != null
                ? doc.defaultText()
                : "`" + (node.isNull() ? "nil" : json(node)) + "`";
        rows.add(new Row(path, type, defaultText, doc == null ? "" : doc.description()));
    }

    /**
     * Each key's description: the comment block right above it, from its last {@code # --} line on (helm-docs' rule:
     * commented-out examples before it belong to no key), its continuation lines joined with spaces.
     */
    static Map<String, Doc> docs(List<String> lines) {
        Map<String, Doc> docs = new LinkedHashMap<>();
        List<String> comment = new ArrayList<>();
        List<int[]> stack = new ArrayList<>(); // indentation of each key of the current path
        List<String> path = new ArrayList<>();
        int listIndent = -1;
        for (String line : lines) {
            if (line.isBlank()) {
                comment.clear();
                continue;
            }
            if (line.stripLeading().startsWith("#")) {
                comment.add(line);
                continue;
            }
            Matcher item = LIST_ITEM.matcher(line);
            Matcher key = KEY.matcher(line);
            int indent = line.length() - line.stripLeading().length();
            if (item.find()) {
                listIndent = listIndent < 0 ? indent : Math.min(listIndent, indent);
                comment.clear();
                continue;
            }
            if (!key.find() || (listIndent >= 0 && indent > listIndent)) {
                comment.clear();
                continue;
            }
            listIndent = -1;
            while (!stack.isEmpty() && stack.get(stack.size() - 1)[0] >= indent) {
                stack.remove(stack.size() - 1);
                path.remove(path.size() - 1);
            }
            stack.add(new int[] {indent});
            path.add(key.group(2));
            Doc doc = doc(comment);
            if (doc != null) {
                docs.put(String.join(".", path), doc);
            }
            comment.clear();
        }
        return docs;
    }

    private static Doc doc(List<String> comment) {
        int start = -1;
        for (int i = 0; i < comment.size(); i++) {
            if (DESCRIPTION.matcher(comment.get(i)).matches()) {
                start = i;
            }
        }
        if (start < 0) {
            return null;
        }
        Matcher first = DESCRIPTION.matcher(comment.get(start));
        first.matches();
        StringBuilder description = new StringBuilder(first.group(2).strip());
        String defaultText = null;
        for (String line : comment.subList(start + 1, comment.size())) {
            Matcher d = DEFAULT.matcher(line);
            if (d.matches()) {
                defaultText = d.group(1).strip();
                continue;
            }
            Matcher c = COMMENT.matcher(line);
            c.matches();
            description.append(' ').append(c.group(1).strip());
        }
        return new Doc(description.toString().strip(), first.group(1), defaultText);
    }

    private static String type(JsonNode node) {
        if (node.isTextual() || node.isNull()) {
            return "string";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isIntegralNumber()) {
            return "int";
        }
        if (node.isNumber()) {
            return "float";
        }
        return node.isArray() ? "list" : "object";
    }

    private static String json(JsonNode node) {
        try {
            return new ObjectMapper().writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    static String table(List<Row> rows) {
        StringBuilder table = new StringBuilder(HEADER);
        for (Row row : rows) {
            table.append(row.markdown()).append('\n');
        }
        return table.toString();
    }
}
