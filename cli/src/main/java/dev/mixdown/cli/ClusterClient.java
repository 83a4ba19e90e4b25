package dev.mixdown.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** The gateway's REST API v1 as the CLI uses it: uploads, jobs, downloads. */
final class ClusterClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final String apiKey;
    private String keyHint;

    ClusterClient(String gateway, String apiKey) {
        this.gateway = gateway.replaceAll("/+$", "");
        this.apiKey = apiKey;
    }

    /**
     * Uploads files the way large files should travel: the gateway hands out one signed upload URL
     * per file, which needs no API key, and streams each PUT to its object key (ADR 0007); the
     * files go up a few at a time. Returns the object keys, in order.
     */
    java.util.List<String> uploadDirect(java.util.List<Path> files) throws IOException, InterruptedException {
        java.util.List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
        if (new java.util.HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("two files share a name in one upload: " + names);
        }
        HttpRequest req = request("/v1/uploads").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(java.util.Map.of("files", names)))).build();
        JsonNode slots = send(req).get("files");
        java.util.List<String> keys = new java.util.ArrayList<>();
        java.util.List<java.util.concurrent.Callable<Void>> puts = new java.util.ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            JsonNode slot = slots.get(i);
            Path file = files.get(i);
            keys.add(slot.get("key").asText());
            puts.add(() -> {
                ObjectTransfer.put(slot.get("url").asText(), file);
                return null;
            });
        }
        ObjectTransfer.inParallel(puts);
        return keys;
    }

    /** Creates a job; answers the job as JSON. */
    JsonNode create(Object body) throws IOException, InterruptedException {
        HttpRequest req = request("/v1/jobs").header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        return send(req);
    }

    /** Creates many jobs in one transaction; answers the batch (its id and jobs). */
    JsonNode createBatch(java.util.List<?> jobs) throws IOException, InterruptedException {
        HttpRequest req = request("/v1/batches").header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(java.util.Map.of("jobs", jobs)))).build();
        return send(req);
    }

    /** The jobs of a batch that have not finished yet, in one request. */
    JsonNode unfinished(String batchId) throws IOException, InterruptedException {
        return send(request("/v1/jobs?limit=1000&status=QUEUED,DISPATCHED,RUNNING&batch=" + batchId).GET().build());
    }

    JsonNode job(String id) throws IOException, InterruptedException {
        return send(request("/v1/jobs/" + id).GET().build());
    }

    /**
     * Downloads a finished job's outputs, and its report as report.json when it has one, into
     * {@code folder}; answers the output files in the job's order.
     */
    java.util.List<Path> downloadResults(JsonNode job, Path folder) throws IOException {
        java.util.List<Path> files = new java.util.ArrayList<>();
        for (JsonNode o : job.get("outputs")) {
            Path f = folder.resolve(o.get("name").asText());
            download(o.get("url").asText(), f);
            files.add(f);
        }
        if (job.hasNonNull("reportUrl")) {
            download(job.get("reportUrl").asText(), folder.resolve("report.json"));
        }
        return files;
    }

    /** Downloads a presigned URL to a file. */
    void download(String url, Path to) throws IOException {
        ObjectTransfer.get(url, to);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + apiKey);
    }

    /** The gateway could not be reached or answered that it cannot serve now (502, 503, 504): worth asking again. */
    static final class Unavailable extends IOException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Any call of the API: {@code method} on {@code path}, with {@code body} as JSON (null: none); answers the JSON. */
    JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        return send(request(path).header("Content-Type", "application/json").method(method, publisher).build());
    }

    /** Where the API key came from, said when the gateway does not know it (e.g. a cluster started with another --data). */
    ClusterClient keyHint(String hint) {
        this.keyHint = hint;
        return this;
    }

    /** 429s in a row waited out before giving up. */
    static final int RATE_LIMIT_TRIES = 20;
    /** The longest Retry-After the client sleeps through at once. */
    static final long MAX_RETRY_AFTER_SECONDS = 60;

    private JsonNode send(HttpRequest req) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = exchange(req);
        // rate limited: wait as the gateway says (Retry-After) and ask again, a bounded number of times
        for (int tries = 1; r.statusCode() == 429 && tries < RATE_LIMIT_TRIES; tries++) {
            long seconds = r.headers().firstValueAsLong("Retry-After").orElse(1);
            Thread.sleep(Math.min(Math.max(1, seconds), MAX_RETRY_AFTER_SECONDS) * 1000);
            r = exchange(req);
        }
        if (r.statusCode() == 502 || r.statusCode() == 503 || r.statusCode() == 504) {
            throw new Unavailable("the gateway at " + gateway + " answered " + r.statusCode(), null);
        }
        JsonNode body = r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
        if (r.statusCode() >= 400) {
            String code = body.path("code").asText("HTTP_" + r.statusCode());
            String message = body.path("message").asText(new String(r.body(), StandardCharsets.UTF_8));
            if (r.statusCode() == 401 && keyHint != null) {
                message += " (" + keyHint + ")";
            }
            throw new IllegalArgumentException(code + ": " + message);
        }
        return body;
    }

    private HttpResponse<byte[]> exchange(HttpRequest req) throws IOException, InterruptedException {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.ConnectException e) {
            throw new Unavailable("cannot reach the gateway at " + gateway + " (is the cluster up? ./mixdown up)", e);
        }
    }
}
