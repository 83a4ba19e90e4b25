package dev.mixdown.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A gateway stand-in on 127.0.0.1 for the CLI's own tests: answers each request with what
 * {@code answer} gives for "METHOD path", and records the requests with their Authorization header.
 */
final class FakeGateway implements AutoCloseable {
    /** One answer: status, Retry-After (null: none) and JSON body. */
    record Answer(int status, String retryAfter, String body) {
    }

    /** One request seen: "METHOD path?query", its Authorization header and body. */
    record Seen(String request, String authorization, String body, long atMillis) {
    }

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    FakeGateway(Function<String, Answer> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String request = exchange.getRequestMethod() + " " + exchange.getRequestURI();
            seen.add(new Seen(request, exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), System.currentTimeMillis()));
            Answer a = answer.apply(request);
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (a.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", a.retryAfter());
            }
            exchange.sendResponseHeaders(a.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
