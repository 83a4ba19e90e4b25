package dev.mixdown.dsp.master;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A loudness target: integrated loudness in LUFS and a true-peak ceiling in dBTP.
 *
 * @param name        a named target ("spotify") or "custom"
 * @param targetLufs  integrated loudness the delivered file must measure, ±0.1 LU
 * @param ceilingDbtp true peak the delivered file must not exceed
 */
public record DeliveryTarget(String name, double targetLufs, double ceilingDbtp) {
    private static final Map<String, DeliveryTarget> NAMED = new LinkedHashMap<>();

    static {
        add("spotify", -14, -1);
        add("apple-music", -16, -1);
        add("youtube", -14, -1);
        add("amazon-music", -14, -2);
        add("tidal", -14, -1);
        add("deezer", -15, -1);
        add("ebu-r128", -23, -1);
        add("atsc-a85", -24, -2);
        add("club", -8, -0.5);
    }

    private static void add(String name, double lufs, double ceiling) {
        NAMED.put(name, new DeliveryTarget(name, lufs, ceiling));
    }

    public DeliveryTarget {
        if (!(targetLufs >= -70 && targetLufs <= 0)) {
            throw new IllegalArgumentException("target loudness must be between -70 and 0 LUFS, got " + targetLufs);
        }
        if (!(ceilingDbtp >= -20 && ceilingDbtp <= 0)) {
            throw new IllegalArgumentException("true-peak ceiling must be between -20 and 0 dBTP, got " + ceilingDbtp);
        }
        if (targetLufs >= ceilingDbtp) {
            throw new IllegalArgumentException("target loudness " + targetLufs + " LUFS must be below the ceiling "
                    + ceilingDbtp + " dBTP");
        }
    }

    /** The named target, case-insensitive; throws with the list of names when unknown. */
    public static DeliveryTarget named(String name) {
        DeliveryTarget t = NAMED.get(name.toLowerCase(Locale.ROOT));
        if (t == null) {
            throw new IllegalArgumentException("unknown target '" + name + "' (known: " + String.join(", ", NAMED.keySet()) + ")");
        }
        return t;
    }

    public static DeliveryTarget custom(double targetLufs, double ceilingDbtp) {
        return new DeliveryTarget("custom", targetLufs, ceilingDbtp);
    }

    public static Map<String, DeliveryTarget> all() {
        return Map.copyOf(NAMED);
    }
}
