package dev.mixdown.dsp.mix;

import dev.mixdown.dsp.mix.balance.BalanceModel;
import java.util.List;

/**
 * How a stem's level in the mix was decided, for the report.
 *
 * @param source      "balance model", "role table" (the fallback when no model is loaded or the stem is
 *                    silent) or "fixed gain"
 * @param modelLu     what the balance model predicted: the stem's level against the loudest stem's, LU
 *                    (null when the model was not used)
 * @param roleTableLu what the role table says for its role, against the lead, LU
 * @param reasons     the feature groups that moved the model's prediction most, largest first
 * @param userChanges what the user asked for on top (role, presence, gain, mute), in words
 */
public record BalanceDecision(String source, Double modelLu, double roleTableLu, List<BalanceModel.Contribution> reasons,
        List<String> userChanges) {
    public static final String MODEL = "balance model";
    public static final String ROLE_TABLE = "role table";
    public static final String FIXED_GAIN = "fixed gain";
}
