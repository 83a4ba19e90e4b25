package dev.mixdown.gateway.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What the generated OpenAPI document cannot know from the resources: every /v1 operation needs
 * the API key ({@code Authorization: Bearer <key>}, see {@code ApiKeyFilter}), and answers errors
 * as the one JSON shape of {@code ErrorMappers.Error}. Registered with {@code mp.openapi.filter}.
 */
public class OpenApiDocument implements OASFilter {
    public static final String SECURITY_SCHEME = "apiKey";
    static final String ERROR_SCHEMA = "Error";

    /** The errors an operation can answer, by what it takes (a body, an id in its path, an Idempotency-Key). */
    private static final Map<String, String> ERRORS = Map.of(
            "400", "Invalid request: the code names the rule (MALFORMED_JSON, INVALID_FIELD, UNKNOWN_FIELD, INVALID_PARAMETER, ...)",
            "401", "No API key, or an unknown one (UNAUTHORIZED)",
            "404", "No such job or resource in your tenant (NOT_FOUND)",
            "409", "The job is not in a state that allows this (NOT_CANCELLABLE, NO_REPORT_YET, NO_OUTPUTS_YET)",
            "413", "The body is larger than allowed (BODY_TOO_LARGE, UPLOAD_TOO_LARGE)",
            "415", "The body is not of a type this operation reads (UNSUPPORTED_MEDIA_TYPE)",
            "422", "The Idempotency-Key was used for another request (IDEMPOTENCY_KEY_REUSED)",
            "429", "Your streamed uploads in progress fill your share of the gateway's spool (UPLOAD_SPOOL_FULL)");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            api.setComponents(components);
        }
        components.addSecurityScheme(SECURITY_SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("Send Authorization: Bearer <API key>. The key names your tenant; every /v1 operation needs it."));
        components.addSchema(ERROR_SCHEMA, OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description("Every error of the API")
                .addProperty("code", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("Stable, machine-readable: act on this"))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("What went wrong, for a person"))
                .required(List.of("code", "message")));
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : new TreeMap<>(api.getPaths().getPathItems()).entrySet()) {
            if (!path.getKey().startsWith("/v1")) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                describe(path.getKey(), op.getKey(), op.getValue());
            }
        }
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation op) {
        op.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SECURITY_SCHEME));
        boolean body = op.getRequestBody() != null;
        boolean idempotent = op.getParameters() != null
                && op.getParameters().stream().anyMatch(p -> "Idempotency-Key".equalsIgnoreCase(p.getName()));
        error(op, "400");
        error(op, "401");
        if (path.contains("{")) {
            error(op, "404");
        }
        if (path.endsWith("/cancel") || path.endsWith("/report") || path.endsWith("/outputs.zip")) {
            error(op, "409");
        }
        if (body) {
            error(op, "413");
            error(op, "415");
        }
        if (idempotent) {
            error(op, "422");
        }
        if (method == PathItem.HttpMethod.PUT && path.startsWith("/v1/uploads/")) {
            error(op, "429");
        }
    }

    private static void error(Operation op, String status) {
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        op.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(ERRORS.get(status))
                .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(ERROR_SCHEMA)))));
    }
}
