package dev.mixdown.gateway.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mixdown.gateway.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The {@code Idempotency-Key} of a creating request. A key belongs to one tenant and is used for
 * one request on one endpoint: a retry of that request gets what the first created; the key with
 * another request, or on another endpoint, is refused (422 IDEMPOTENCY_KEY_REUSED). Requests are
 * compared by a SHA-256 of their canonical JSON (fields sorted, as the API read them), so
 * whitespace and field order do not matter. Must run inside the creating transaction.
 */
@ApplicationScoped
public class IdempotencyKeys {
    public static final int MAX_LENGTH = 200;

    /** Sorted fields and map keys: the same request always gives the same bytes. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @Inject
    EntityManager em;

    /**
     * What a claim found: nothing to replay (the caller creates, then calls {@link #created}), or
     * the jobs and batch a first request with this key created.
     */
    public record Claim(String tenantId, String key, boolean replay, List<UUID> jobIds, UUID batchId) {
        static final Claim NONE = new Claim(null, null, false, List.of(), null);
    }

    /**
     * Claims {@code key} for this request, or finds what an earlier request with it created. A
     * concurrent claim of the same key waits here until the first transaction ends.
     */
    public Claim claim(String tenantId, String endpoint, String key, Object request) {
        if (key == null) {
            return Claim.NONE;
        }
        check(key);
        String hash = hash(endpoint, request);
        int inserted = em.createNativeQuery("insert into idempotency_key (tenant_id, key, endpoint, request_hash) "
                + "values (?1, ?2, ?3, ?4) on conflict do nothing")
                .setParameter(1, tenantId).setParameter(2, key).setParameter(3, endpoint).setParameter(4, hash)
                .executeUpdate();
        if (inserted == 1) {
            return new Claim(tenantId, key, false, List.of(), null);
        }
        Object[] row = (Object[]) em.createNativeQuery("select endpoint, request_hash::text, job_ids, batch_id from idempotency_key "
                + "where tenant_id = ?1 and key = ?2").setParameter(1, tenantId).setParameter(2, key).getSingleResult();
        if (!endpoint.equals(row[0])) {
            throw reused("was used on " + row[0]);
        }
        if (row[1] != null && !hash.equals(row[1])) {
            throw reused("was used with a different request");
        }
        List<UUID> jobs = row[2] == null ? List.of() : Arrays.stream(((String) row[2]).split(",")).map(UUID::fromString).toList();
        return new Claim(tenantId, key, true, jobs, (UUID) row[3]);
    }

    /** Records what the request that claimed the key created. */
    public void created(Claim claim, List<UUID> jobIds, UUID batchId) {
        if (claim.key() == null) {
            return;
        }
        em.flush(); // the jobs exist before the key points at them
        String ids = String.join(",", jobIds.stream().map(UUID::toString).toList());
        var update = batchId == null
                ? em.createNativeQuery("update idempotency_key set job_ids = ?1 where tenant_id = ?2 and key = ?3")
                : em.createNativeQuery("update idempotency_key set job_ids = ?1, batch_id = ?4 where tenant_id = ?2 and key = ?3")
                        .setParameter(4, batchId);
        update.setParameter(1, ids).setParameter(2, claim.tenantId()).setParameter(3, claim.key()).executeUpdate();
    }

    static void check(String key) {
        if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw ApiException.invalid("INVALID_IDEMPOTENCY_KEY", "an Idempotency-Key is 1 to " + MAX_LENGTH
                    + " printable ASCII characters (a UUID is a good one)");
        }
    }

    static String hash(String endpoint, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(endpoint.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(CANONICAL.writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot hash a request", e);
        }
    }

    private static ApiException reused(String how) {
        return new ApiException(422, "IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key " + how
                + "; a key names one request: use a new key for a new request");
    }
}
