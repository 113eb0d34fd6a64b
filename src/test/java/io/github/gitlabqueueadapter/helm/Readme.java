package io.github.gitlabqueueadapter.helm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The commands and YAML blocks of the README and of docs/, as a user copies them. */
final class Readme {

    /** The front door: install, run, one ScaledObject and one ScaledJob. */
    static final Path README = Path.of("README.md");

    private static final Path DOCS = Path.of("docs");
    private static final Pattern FENCE = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

    private Readme() {}

    /** A page of docs/ by its file name ({@code tls-and-auth.md}), which must exist. */
    static Path doc(String name) {
        Path doc = DOCS.resolve(name);
        assertTrue(Files.isRegularFile(doc), doc + " exists");
        return doc;
    }

    /** The README and every page of docs/, in that order: every example a user may copy. */
    static List<Path> everyPage() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.list(DOCS)) {
            docs.filter(f -> f.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .forEach(pages::add);
        }
        return pages;
    }

    /** The blocks fenced as this language in each of these pages, in order. */
    static List<String> blocks(List<Path> pages, String language) throws IOException {
        List<String> blocks = new ArrayList<>();
        for (Path page : pages) {
            blocks.addAll(blocks(page, language));
        }
        return blocks;
    }

    /** The blocks fenced as this language (shell, yaml), in order. */
    static List<String> blocks(Path readme, String language) throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(Files.readString(readme));
        while (m.find()) {
            if (m.group(1).equals(language)) {
                blocks.add(m.group(2));
            }
        }
        return blocks;
    }

    /** The first shell command in the README that starts with these words, split as bash would (quotes, "\" lines). */
    static List<String> command(Path readme, String... start) throws IOException {
        String prefix = String.join(" ", start);
        for (String block : blocks(readme, "shell")) {
            String joined = block.replace("\\\n", " ");
            for (String line : joined.split("\n")) {
                if (line.strip().startsWith(prefix + " ")) {
                    return words(line.strip());
                }
            }
        }
        throw new AssertionError(readme + " has no shell block with a command starting '" + prefix + "'");
    }

    /** Shell words: whitespace separates, single and double quotes group and are removed. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        assertTrue(quote == 0, "unbalanced quotes in: " + line);
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
