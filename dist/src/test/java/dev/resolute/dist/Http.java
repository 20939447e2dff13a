package dev.resolute.dist;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** A plain HTTP/1.1 client for the tests' calls to the ingress and admin APIs. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (json != null) {
            request.header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON POST with an {@code idempotency-key} header. */
    static HttpResponse<String> postWithKey(String url, String key, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("idempotency-key", key)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A PATCH, as the admin API takes changes to an invocation (no body) or a service (a JSON one). */
    static HttpResponse<String> patch(String url, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (json != null) {
            request.header("content-type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method("PATCH", HttpRequest.BodyPublishers.noBody());
        }
        return send(request.build());
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build());
    }

    /** A POST in the background, for a call that returns only after the test has done something else. */
    static CompletableFuture<HttpResponse<String>> postAsync(String url, String json) {
        return inBackground(() -> post(url, json));
    }

    /** A GET in the background, as {@link #postAsync}. */
    static CompletableFuture<HttpResponse<String>> getAsync(String url) {
        return inBackground(() -> get(url));
    }

    private static CompletableFuture<HttpResponse<String>> inBackground(Call call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.send();
            } catch (IOException | InterruptedException e) {
                throw new CompletionException(e);
            }
        });
    }

    @FunctionalInterface
    private interface Call {
        HttpResponse<String> send() throws IOException, InterruptedException;
    }

    static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
