package dev.resolute.testservices.java;

import dev.restate.sdk.endpoint.Endpoint;
import dev.restate.sdk.http.vertx.RestateHttpServer;
import io.vertx.core.http.HttpServer;

/**
 * Serves the Java SDK test services on 127.0.0.1: {@code Main [port]}, port 0 (the default) picks a
 * free one. Prints {@code listening on <port>} on stdout once bound. The SDK's server speaks HTTP/2
 * cleartext (bidirectional streaming) and HTTP/1.1 (request/response) on the same port.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Endpoint endpoint = Endpoint.builder().bind(new JavaGreeter()).bind(new JavaCounter()).bind(new JavaAttacher())
                .bind(new JavaApproval()).bind(new JavaSignup()).bind(new JavaAwaiter())
                .bind(new JavaManaged(), JavaManaged.PAUSE_AFTER_TWO_ATTEMPTS).build();
        // RestateHttpServer.listen(endpoint, port) would bind every interface; the tests need loopback only
        HttpServer server = RestateHttpServer.fromEndpoint(endpoint).listen(port, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().join();
        System.out.println("listening on " + server.actualPort());
        System.out.flush();
    }
}
