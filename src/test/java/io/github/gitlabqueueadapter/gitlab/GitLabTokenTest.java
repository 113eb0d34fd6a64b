package io.github.gitlabqueueadapter.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gitlabqueueadapter.support.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitLabTokenTest {

    private static GitLabToken token(String... keyValues) {
        return new GitLabToken(TestConfigs.gitlab(keyValues));
    }

    @Test
    void aFixedTokenIsSentTrimmed() {
        assertEquals(
                Optional.of("glpat-abc"), token("gitlab.token", " glpat-abc\n").current());
        assertEquals(Optional.empty(), token("gitlab.token", "  ").current());
    }

    @Test
    void aTokenFileIsReadAgainWhenTheSecretRotates(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "glpat-first\n");
        GitLabToken token = token("gitlab.token-file", file.toString());
        assertEquals(Optional.of("glpat-first"), token.current());

        Files.writeString(file, "glpat-second\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals(Optional.of("glpat-second"), token.current());
    }

    @Test
    void aVanishedTokenFileKeepsTheLastToken(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "glpat-kept");
        GitLabToken token = token("gitlab.token-file", file.toString());
        assertEquals(Optional.of("glpat-kept"), token.current());

        Files.delete(file);
        assertEquals(Optional.of("glpat-kept"), token.current());
    }

    @Test
    void aFileTooLargeToBeATokenIsNotRead(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "x".repeat((int) GitLabToken.MAX_FILE_BYTES + 1));
        assertEquals(
                Optional.empty(), token("gitlab.token-file", file.toString()).current());
    }
}
