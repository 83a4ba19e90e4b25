package dev.mixdown.gateway.storage;

import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.gateway.errors.ApiException;
import dev.mixdown.gateway.limits.UploadSpool;
import dev.mixdown.gateway.tenants.CurrentTenant;
import dev.mixdown.jobs.contracts.ObjectKeys;
import dev.mixdown.jobs.storage.ObjectStorage;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Uploads: signed upload URLs (see {@link UploadUrls}; no API key needed, so clients can hand them
 * to parallel transfers, and the gate passes only the body to the store) or a streamed PUT with the
 * API key for small setups, capped in size and spooled within the tenant's share ({@link UploadSpool}).
 * Keys always sit under the caller's tenant.
 */
@Path("/v1/uploads")
@Produces(MediaType.APPLICATION_JSON)
public class UploadResource {
    @Inject
    ObjectStorage storage;

    @Inject
    CurrentTenant tenant;

    @Inject
    GatewayConfig config;

    @Inject
    UploadUrls urls;

    @Inject
    UploadSpool spool;

    public record UploadRequest(List<String> files) {
    }

    public record UploadSlot(String name, String key, String url) {
    }

    public record Upload(String uploadId, List<UploadSlot> files) {
    }

    public record Stored(String key, long bytes) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Upload create(UploadRequest request, @Context UriInfo uri) {
        if (request == null || request.files() == null || request.files().isEmpty()) {
            throw ApiException.invalid("INVALID_REQUEST", "name the files to upload");
        }
        if (request.files().size() > config.limits().filesPerUpload()) {
            throw ApiException.invalid("TOO_MANY_FILES", request.files().size() + " files; one upload takes at most "
                    + config.limits().filesPerUpload() + " (ask for more uploads)");
        }
        String uploadId = UUID.randomUUID().toString();
        List<UploadSlot> slots = new ArrayList<>();
        for (String name : request.files()) {
            String key = ObjectKeys.upload(tenant.id(), uploadId, name);
            slots.add(new UploadSlot(name, key, urls.uploadUrl(uri.getBaseUri(), key)));
        }
        return new Upload(uploadId, slots);
    }

    @PUT
    @Path("/{uploadId}/{file}")
    @Consumes(MediaType.WILDCARD)
    public Stored put(@PathParam("uploadId") String uploadId, @PathParam("file") String file, InputStream body) throws IOException {
        String key = ObjectKeys.upload(tenant.id(), uploadId, file);
        try (UploadSpool.Spooled received = spool.receive(tenant.id(), body)) {
            return new Stored(key, storage.upload(received.file(), key));
        }
    }
}
