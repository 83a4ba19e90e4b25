package dev.mixdown.jobs.storage;

import io.minio.BucketExistsArgs;
import io.minio.DownloadObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.Http.Method;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The object store as Mixdown uses it: one bucket, files in and out by key, presigned URLs for
 * clients. Spoken to with the MinIO SDK, so MinIO in production and S3Proxy on the local
 * filesystem behave the same. Failures are {@link StorageException}s, retryable when the store
 * could not be reached.
 */
public final class ObjectStorage implements AutoCloseable {
    /**
     * Files up to this size go up in one PUT, larger ones in parts of this size. The SDK's own
     * choice (5 MiB parts) makes a stem a dozen requests and the store a copy on completion,
     * which halved upload speed against S3Proxy and MinIO alike.
     */
    static final long PART_SIZE_BYTES = 64L << 20;
    /** Transfers {@link #downloadAll} and {@link #uploadAll} run at once. */
    static final int PARALLEL_TRANSFERS = 3;
    /** Lifetime of the URL {@link #put} signs for itself; the store checks it when the PUT starts. */
    private static final int PUT_URL_SECONDS = 15 * 60;
    private final MinioClient client;
    private final String bucket;

    public ObjectStorage(String endpoint, String accessKey, String secretKey, String bucket) {
        this.client = MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey).build();
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    /** Creates the bucket when it does not exist yet. */
    public void ensureBucket() {
        call("create bucket " + bucket, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            return null;
        });
    }

    /** Uploads a local file to {@code key}; returns its size in bytes. */
    public long upload(Path file, String key) {
        return call("upload " + key, () -> {
            client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key).filename(file.toString(), PART_SIZE_BYTES).build());
            return Files.size(file);
        });
    }

    /**
     * Uploads each file to the key at the same index, a few at a time; returns their sizes in
     * bytes. The first failure (in list order) is thrown once every transfer has ended.
     */
    public List<Long> uploadAll(List<Path> files, List<String> keys) {
        try (Transfers<Long> uploads = start("upload", files.size(), i -> upload(files.get(i), keys.get(i)))) {
            return uploads.awaitAll();
        }
    }

    /**
     * Downloads each key to the file at the same index, a few at a time. The first failure (in
     * list order) is thrown once every transfer has ended.
     */
    public void downloadAll(List<String> keys, List<Path> files) {
        try (Transfers<Void> downloads = startDownloads(keys, files)) {
            downloads.awaitAll();
        }
    }

    /**
     * Starts downloading each key to the file at the same index, a few at a time and in order,
     * and returns at once; {@link Transfers#await} waits for one file. Closing stops what is left.
     */
    public Transfers<Void> startDownloads(List<String> keys, List<Path> files) {
        if (keys.size() != files.size()) {
            throw new IllegalArgumentException(keys.size() + " keys for " + files.size() + " files");
        }
        return start("download", keys.size(), i -> {
            download(keys.get(i), files.get(i));
            return null;
        });
    }

    private static <T> Transfers<T> start(String name, int n, java.util.function.IntFunction<T> transfer) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, Math.min(n, PARALLEL_TRANSFERS)), r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
        List<java.util.concurrent.Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> transfer.apply(index)));
        }
        pool.shutdown();
        return new Transfers<>(pool, futures);
    }

    /** Transfers under way, in list order: wait for one or for all, or stop them. */
    public static final class Transfers<T> implements AutoCloseable {
        private final java.util.concurrent.ExecutorService pool;
        private final List<java.util.concurrent.Future<T>> futures;

        private Transfers(java.util.concurrent.ExecutorService pool, List<java.util.concurrent.Future<T>> futures) {
            this.pool = pool;
            this.futures = futures;
        }

        /** Returns once transfer {@code index} is complete, with its result; throws its {@link StorageException}. */
        public T await(int index) {
            try {
                return futures.get(index).get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re
                        : new StorageException("transfer failed: " + e.getCause(), true, false, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("transfer interrupted", true, false, e);
            }
        }

        /** Waits for every transfer; returns their results in order, or throws the first failure (in list order). */
        public List<T> awaitAll() {
            List<T> results = new ArrayList<>();
            RuntimeException first = null;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(await(i));
                } catch (RuntimeException e) {
                    first = first != null ? first : e;
                    if (Thread.currentThread().isInterrupted()) {
                        break;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
            return results;
        }

        /** Stops the transfers still running or waiting. */
        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    /** Downloads {@code key} to a local file (replacing it). */
    public void download(String key, Path file) {
        call("download " + key, () -> {
            Files.deleteIfExists(file);
            client.downloadObject(DownloadObjectArgs.builder().bucket(bucket).object(key).filename(file.toString()).build());
            return null;
        });
    }

    /**
     * Copies the object {@code key} into {@code out} as it arrives, holding no more than a small
     * buffer; returns the bytes copied. A failure of {@code out} (the reader went away) is an
     * {@link IOException} of its own, never a {@link StorageException}.
     */
    public long copyTo(String key, OutputStream out) throws IOException {
        InputStream in = call("download " + key, () -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
        try (in) {
            byte[] buffer = new byte[64 * 1024];
            long copied = 0;
            for (;;) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw new StorageException("download " + key + ": object store unreachable (" + e.getMessage() + ")", true, false, e);
                }
                if (n < 0) {
                    return copied;
                }
                out.write(buffer, 0, n);
                copied += n;
            }
        }
    }

    public boolean exists(String key) {
        return size(key) >= 0;
    }

    /** The object's size in bytes, or -1 when there is no such object. */
    public long size(String key) {
        return call("look up " + key, () -> {
            try {
                return client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size();
            } catch (StorageException | IllegalArgumentException e) {
                throw e;
            } catch (ErrorResponseException e) {
                if ("NoSuchKey".equals(e.errorResponse().code()) || "NoSuchObject".equals(e.errorResponse().code())) {
                    return -1L;
                }
                throw e;
            }
        });
    }

    /** Keys under {@code prefix}, recursively. */
    public List<String> list(String prefix) {
        return call("list " + prefix, () -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                keys.add(r.get().objectName());
            }
            return keys;
        });
    }

    /**
     * A URL that lets its holder GET {@code key} for {@code seconds}, and nothing else: the store
     * checks the method and every query parameter against the signature, and no request header
     * turns a GET into another operation (PresignedUrlIT shows it on S3Proxy).
     */
    public String presignedGet(String key, int seconds) {
        return presign(Method.GET, key, seconds);
    }

    /**
     * Streams {@code bytes} bytes of {@code body} to {@code key} in one PUT, holding no more than a
     * small buffer, with no header but its length and content type: this is how bytes a tenant
     * sends reach the store. A presigned PUT URL is never handed out, because the store honours
     * unsigned {@code x-amz-copy-source} and {@code x-amz-acl} headers on it (ADR 0007).
     * Returns the bytes stored; a body shorter than {@code bytes} is an {@link IllegalArgumentException}.
     */
    public long put(String key, InputStream body, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a length is required, got " + bytes);
        }
        String url = presign(Method.PUT, key, PUT_URL_SECONDS);
        return call("upload " + key, () -> {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(5_000);
            c.setReadTimeout(10 * 60 * 1000);
            c.setRequestMethod("PUT");
            c.setRequestProperty("Content-Type", "application/octet-stream");
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(bytes);
            long sent = 0;
            try (OutputStream out = c.getOutputStream()) {
                byte[] buffer = new byte[64 * 1024];
                while (sent < bytes) {
                    int n = readFrom(body, buffer, (int) Math.min(buffer.length, bytes - sent));
                    if (n < 0) {
                        c.disconnect();
                        throw new IllegalArgumentException("the body ended after " + sent + " of its " + bytes + " bytes");
                    }
                    out.write(buffer, 0, n);
                    sent += n;
                }
            }
            int code = c.getResponseCode();
            try (InputStream answer = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
                String said = answer == null ? "" : new String(answer.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (code / 100 != 2) {
                    throw new StorageException("upload " + key + ": the store answered HTTP " + code + " " + said, code >= 500, false, null);
                }
            }
            return sent;
        });
    }

    /** A read from the sender's body; its failure is the sender's, not the store's. */
    private static int readFrom(InputStream body, byte[] buffer, int max) {
        try {
            return body.read(buffer, 0, max);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body broke off: " + e.getMessage(), e);
        }
    }

    private String presign(Method method, String key, int seconds) {
        return call("presign " + key, () -> client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(method).bucket(bucket).object(key).expiry(seconds, TimeUnit.SECONDS).build()));
    }

    private interface StorageCall<T> {
        T run() throws Exception;
    }

    private static <T> T call(String what, StorageCall<T> call) {
        try {
            return call.run();
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            boolean missing = "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NoSuchBucket".equals(code);
            throw new StorageException(what + ": " + code + " " + e.errorResponse().message(), !missing, missing, e);
        } catch (IOException e) {
            throw new StorageException(what + ": object store unreachable (" + e.getMessage() + ")", true, false, e);
        } catch (RuntimeException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof IOException io) {
                    throw new StorageException(what + ": object store unreachable (" + io + ")", true, false, e);
                }
            }
            throw e;
        } catch (Exception e) {
            throw new StorageException(what + ": " + e, true, false, e);
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}
