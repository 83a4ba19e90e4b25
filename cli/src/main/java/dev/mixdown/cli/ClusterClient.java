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

    private JsonNode send(HttpRequest req) throws IOException, InterruptedException {
        HttpResponse<byte[]> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.ConnectException e) {
            throw new Unavailable("cannot reach the gateway at " + gateway + " (is the cluster up? ./mixdown up)", e);
        }
        if (r.statusCode() == 502 || r.statusCode() == 503 || r.statusCode() == 504) {
            throw new Unavailable("the gateway at " + gateway + " answered " + r.statusCode(), null);
        }
        JsonNode body = r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
        if (r.statusCode() >= 400) {
            String code = body.path("code").asText("HTTP_" + r.statusCode());
            throw new IllegalArgumentException(code + ": " + body.path("message").asText(new String(r.body(), StandardCharsets.UTF_8)));
        }
        return body;
    }
}
