package io.github.gitlabqueueadapter.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/** Reads a body as it streams in and gives up as soon as it passes a limit: a large body is never held whole. */
public final class BoundedBody {

    private BoundedBody() {}

    /**
     * @param tooLarge the exception thrown once more than {@code maxBytes} arrived
     * @throws IOException when the stream breaks
     */
    public static byte[] read(InputStream in, long maxBytes, Supplier<RuntimeException> tooLarge) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw tooLarge.get();
                }
            }
        }
        return out.toByteArray();
    }
}
