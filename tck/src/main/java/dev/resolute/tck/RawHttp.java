package dev.resolute.tck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** For tests that speak HTTP/1.1 over a raw socket, to see exactly what a server does with one connection. */
public final class RawHttp {
    private RawHttp() {
    }

    /** Everything the server sent until it closed the connection, as text. */
    public static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream answers = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        try {
            while ((n = in.read(buffer)) > 0) {
                answers.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // a server that closed with a body unread resets the connection: what arrived before counts
        }
        return answers.toString(StandardCharsets.UTF_8);
    }
}
