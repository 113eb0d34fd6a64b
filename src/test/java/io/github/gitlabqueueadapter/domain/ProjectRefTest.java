package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectRefTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "42",
                "1",
                "999999999999999999",
                "9223372036854775807", // the largest id GitLab's bigint holds
                "group/app",
                "group/sub/app",
                "my.group/my-app_2",
                "_private/.dotfiles",
                "Group/App"
            })
    void acceptsIdsAndFullPaths(String value) {
        assertEquals(value, ProjectRef.parse(value).name());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "0",
                "-1",
                "0042",
                "9223372036854775808", // past GitLab's bigint
                "12345678901234567890",
                "app",
                "group/",
                "/app",
                "group//app",
                "../app",
                "group/..",
                "group/./app",
                "group/app.git",
                "group/app.atom",
                "group/a b",
                "group/app?x=1",
                "group/ap%2Fp",
                "gröup/app",
                "group/-app"
            })
    void rejectsAnythingGitLabWouldNotName(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProjectRef.parse(value));
        assertTrue(e.getMessage().contains("project"), e.getMessage());
    }

    @Test
    void rejectsOverlongPaths() {
        String deep = "g/".repeat(21) + "app";
        assertThrows(IllegalArgumentException.class, () -> ProjectRef.parse(deep));
        String longSegment = "group/" + "a".repeat(256);
        assertThrows(IllegalArgumentException.class, () -> ProjectRef.parse(longSegment));
    }

    @Test
    void pathsCompareWithoutCaseAsGitLabRoutesDo() {
        assertEquals(ProjectRef.parse("Group/App"), ProjectRef.parse("group/app"));
        assertEquals(
                ProjectRef.parse("Group/App").hashCode(),
                ProjectRef.parse("group/app").hashCode());
        assertNotEquals(ProjectRef.parse("group/app"), ProjectRef.parse("group/app2"));
    }

    @Test
    void blanksAroundAProjectAreTheCallersToStrip() {
        assertThrows(IllegalArgumentException.class, () -> ProjectRef.parse(" 42"), "blanks are the caller's to strip");
        assertThrows(IllegalArgumentException.class, () -> ProjectRef.parse("group/app\n"));
    }
}
