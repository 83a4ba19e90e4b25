package dev.mixdown.jobs.storage;

import io.minio.BucketExistsArgs;
import io.minio.DownloadObjectArgs;
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
            client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key).filename(file.toString()).build());
            return Files.size(file);
        });
    }

    /** Downloads {@code key} to a local file (replacing it). */
    public void download(String key, Path file) {
        call("download " + key, () -> {
            Files.deleteIfExists(file);
            client.downloadObject(DownloadObjectArgs.builder().bucket(bucket).object(key).filename(file.toString()).build());
            return null;
        });
    }

    public boolean exists(String key) {
        return call("look up " + key, () -> {
            try {
                client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
                return true;
            } catch (ErrorResponseException e) {
                if ("NoSuchKey".equals(e.errorResponse().code()) || "NoSuchObject".equals(e.errorResponse().code())) {
                    return false;
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

    /** A URL that lets its holder GET {@code key} for {@code seconds}. */
    public String presignedGet(String key, int seconds) {
        return presign(Method.GET, key, seconds);
    }

    /** A URL that lets its holder PUT {@code key} for {@code seconds}. */
    public String presignedPut(String key, int seconds) {
        return presign(Method.PUT, key, seconds);
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
