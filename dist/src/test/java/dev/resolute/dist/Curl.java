package dev.resolute.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real curl: Unix-socket requests and HTTP/2 prior knowledge the way users send them. */
final class Curl {
    private Curl() {
    }

    /** Runs curl; returns {@code "<status> <http_version>\n<body>"}. */
    static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-m", "10", "-w", "\\n%{http_code} %{http_version}"));
        command.addAll(List.of(args));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!curl.waitFor(20, TimeUnit.SECONDS)) {
            curl.destroyForcibly();
            throw new IOException("curl timed out: " + command);
        }
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int last = out.lastIndexOf('\n');
        return out.substring(last + 1).strip() + "\n" + out.substring(0, Math.max(0, last));
    }
}
