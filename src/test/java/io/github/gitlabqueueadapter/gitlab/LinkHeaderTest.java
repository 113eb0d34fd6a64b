package io.github.gitlabqueueadapter.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.support.TestConfigs;
import org.junit.jupiter.api.Test;

/** What the adapter takes from GitLab's {@code Link} header on keyset paging, and when it asks by keyset at all. */
class LinkHeaderTest {

    private static final String NEXT = "<https://gitlab.example.com/api/v4/projects/it%2Fapp/jobs?cursor=eyJpZCI6IjcifQ"
            + "&order_by=id&pagination=keyset&per_page=100&scope%5B%5D=pending&sort=desc>; rel=\"next\"";

    @Test
    void theCursorOfTheNextLinkIsTakenAndNothingElseOfItsUrl() {
        assertEquals("eyJpZCI6IjcifQ", LinkHeader.nextCursor(NEXT, 1));
        assertEquals(
                "a+b=c/",
                LinkHeader.nextCursor("<https://elsewhere.example/x?page=9&cursor=a%2Bb%3Dc%2F>; rel=next", 1),
                "decoded as Rails encodes a query");
    }

    @Test
    void theNextLinkIsFoundAmongOthersInAnyOrder() {
        String header = "<https://g.example/x?cursor=prev>; rel=\"prev\", "
                + NEXT.replace("rel=\"next\"", "rel=\"next last\"") + ", <https://g.example/x?page=1>; rel=\"first\"";
        assertEquals("eyJpZCI6IjcifQ", LinkHeader.nextCursor(header, 2));
    }

    @Test
    void noNextLinkOrOneWithoutACursorNamesNoCursor() {
        assertNull(LinkHeader.nextCursor(null, 1));
        assertNull(LinkHeader.nextCursor("", 1));
        assertNull(LinkHeader.nextCursor("<https://g.example/x?cursor=p>; rel=\"prev\"", 1));
        assertNull(LinkHeader.nextCursor("<https://g.example/x?page=2&per_page=100>; rel=\"next\"", 1), "offset");
        assertNull(LinkHeader.nextCursor("<https://g.example/x>; rel=\"next\"", 1));
    }

    @Test
    void aLinkHeaderTooLongOrACursorThatCannotBeSentBackIsABadAnswer() {
        String tooLong = NEXT + ", <https://g.example/x?page=1>; rel=\"first\"".repeat(300);
        GitLabException e = assertThrows(GitLabException.class, () -> LinkHeader.nextCursor(tooLong, 3));
        assertEquals(GitLabException.Kind.BAD_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains("page 3"), e.getMessage());
        for (String bad : new String[] {
            "<https://g.example/x?cursor=>; rel=next",
            "<https://g.example/x?cursor=%zz>; rel=next",
            "<https://g.example/x?cursor=a%0Ab>; rel=next",
            "<https://g.example/x?cursor=" + "a".repeat(LinkHeader.MAX_CURSOR_CHARS + 1) + ">; rel=next",
            "<not a url>; rel=next"
        }) {
            assertThrows(GitLabException.class, () -> LinkHeader.nextCursor(bad, 1), bad);
        }
    }

    @Test
    void jobsAreAskedByKeysetUnlessOffsetIsConfiguredOrThisGitLabCannot() {
        KeysetPaging byDefault = new KeysetPaging(TestConfigs.gitlab());
        assertEquals(GitLabConfig.Pagination.KEYSET, TestConfigs.gitlab().pagination());
        assertTrue(byDefault.keyset());
        byDefault.unavailable("a test");
        assertFalse(byDefault.keyset());
        byDefault.reset();
        assertTrue(byDefault.keyset());

        assertFalse(new KeysetPaging(TestConfigs.gitlab("gitlab.pagination", "offset")).keyset());
    }
}
