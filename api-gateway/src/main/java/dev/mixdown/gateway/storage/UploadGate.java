package dev.mixdown.gateway.storage;

import dev.mixdown.gateway.errors.ApiException;
import dev.mixdown.jobs.contracts.ObjectKeys;
import dev.mixdown.jobs.storage.ObjectStorage;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * Where the upload URLs of {@link UploadUrls} lead: a PUT whose signature covers its key and has
 * not expired streams its body to that one key, with no header of the sender's passed on, so it
 * can neither copy another object nor change an object's ACL. The signature is the credential:
 * no API key is asked for, as with a presigned URL.
 */
@Path("/" + UploadUrls.PATH + "tenants/{tenant}/uploads/{uploadId}/{file}")
public class UploadGate {
    @Inject
    UploadUrls urls;

    @Inject
    ObjectStorage storage;

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public UploadResource.Stored put(@PathParam("tenant") String tenant, @PathParam("uploadId") String uploadId,
            @PathParam("file") String file, @QueryParam("expires") long expires, @QueryParam("signature") String signature,
            @HeaderParam("Content-Length") Long length, InputStream body) {
        String key = ObjectKeys.upload(tenant, uploadId, file);
        String refusal = urls.refusal(key, expires, signature);
        if (refusal != null) {
            throw new ApiException(403, "UPLOAD_URL_INVALID", refusal);
        }
        if (length == null) {
            throw new ApiException(411, "LENGTH_REQUIRED", "send the file with a Content-Length header");
        }
        return new UploadResource.Stored(key, storage.put(key, body, length));
    }
}
