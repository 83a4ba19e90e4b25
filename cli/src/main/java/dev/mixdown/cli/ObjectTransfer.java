package dev.mixdown.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Files up through the gateway's signed upload URLs and down through the store's presigned GET
 * URLs, a few at a time. A plain blocking
 * connection streams a file at disk speed from a cold JVM; {@code java.net.http.HttpClient}
 * took twice as long on the same 254 MB of stems (2.0 s against 1.0 s, same store, same
 * parallelism), which a one-shot command never amortises. The JSON API keeps HttpClient.
 */
final class ObjectTransfer {
    /** Transfers at once: enough to keep the client's and the store's cores busy. */
    static final int PARALLEL = 3;
    private static final int TIMEOUT_MS = 10 * 60 * 1000;

    private ObjectTransfer() {
    }

    /** PUTs a file to an upload URL (with its length: the gateway refuses a chunked body). */
    static void put(String url, Path file) throws IOException {
        HttpURLConnection c = open(url);
        c.setRequestMethod("PUT");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(Files.size(file));
        try (OutputStream out = c.getOutputStream()) {
            Files.copy(file, out);
        }
        int code = c.getResponseCode();
        String said = drain(c, code);
        if (code / 100 != 2) {
            throw new IOException("upload of " + file + " failed with HTTP " + code + ": " + said);
        }
    }

    /** GETs a presigned URL into a file (replacing it), creating its folder. */
    static void get(String url, Path to) throws IOException {
        HttpURLConnection c = open(url);
        int code = c.getResponseCode();
        if (code != 200) {
            drain(c, code);
            throw new IOException("download of " + to.getFileName() + " failed with HTTP " + code + ": " + url);
        }
        Path parent = to.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (InputStream in = c.getInputStream()) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Runs the transfers {@link #PARALLEL} at a time; throws the first failure (in list order) after all ended. */
    static void inParallel(List<Callable<Void>> transfers) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(transfers.size(), PARALLEL)));
        try {
            Exception first = null;
            for (Future<Void> f : pool.invokeAll(transfers)) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    first = first != null ? first : (e.getCause() instanceof Exception c ? c : e);
                }
            }
            if (first instanceof IOException io) {
                throw io;
            } else if (first instanceof RuntimeException re) {
                throw re;
            } else if (first != null) {
                throw new IOException(first.getMessage(), first);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpURLConnection open(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout(TIMEOUT_MS);
        return c;
    }

    /** Reads what the server said, so the connection can be reused, and answers it. */
    private static String drain(HttpURLConnection c, int code) throws IOException {
        try (InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
            return in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
