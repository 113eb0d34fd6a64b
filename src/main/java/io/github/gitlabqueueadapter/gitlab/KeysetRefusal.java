package io.github.gitlabqueueadapter.gitlab;

import io.github.gitlabqueueadapter.domain.BoundedBody;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * GitLab's refusal of a keyset request: {@code 405} with {@code {"error":"Keyset pagination is not yet available for
 * this type of request"}} (lib/api/helpers/pagination_strategies.rb; {@code 501} in the release that brought keyset
 * paging). Another 405, such as "Offset pagination has a maximum allowed offset", is not one.
 */
final class KeysetRefusal {

    /** GitLab's words, lower case. */
    static final String MESSAGE = "keyset pagination is not yet available";

    /** A refusal is a short JSON object; a longer body is something else and is not read further. */
    private static final int MAX_BODY_BYTES = 4096;

    private KeysetRefusal() {}

    static boolean isIn(Response response) {
        int status = response.getStatus();
        if ((status != 405 && status != 501) || !response.hasEntity()) {
            return false;
        }
        try {
            byte[] body = BoundedBody.read(
                    response.readEntity(InputStream.class), MAX_BODY_BYTES, () -> new IllegalStateException("long"));
            return new String(body, StandardCharsets.UTF_8)
                    .toLowerCase(Locale.ROOT)
                    .contains(MESSAGE);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
