package dev.mixdown.jobs.contracts;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The engine's file-name → role table ({@code dev.mixdown.dsp.mix.RoleInference#fromName}), for
 * the gateway, which does not carry the engine: the same ordered rules (in {@code role-names.json}
 * beside this class) and the same splitting of a name into words. {@code RoleNamesAgreementTest}
 * in worker-runtime proves that both infer the same role from the same names.
 */
public final class RoleNames {

    /** A rule: when every one of {@code words} is a word of the name, the stem is {@code role}; the first rule that matches wins. */
    public record Rule(List<String> words, String role) {
    }

    /** A role inferred from a file name, and the words that decided it. */
    public record Inferred(String file, String role, String evidence) {
    }

    public static final List<Rule> RULES = load();

    private RoleNames() {
    }

    /** The role {@code fileName} suggests, if any. */
    public static Optional<Inferred> infer(String fileName) {
        List<String> tokens = words(fileName);
        for (Rule r : RULES) {
            if (tokens.containsAll(r.words())) {
                return Optional.of(new Inferred(fileName, r.role(), "'" + String.join(" ", r.words()) + "' in " + fileName));
            }
        }
        return Optional.empty();
    }

    /** The words of a file name as the engine reads them: no extension, camelCase split, digits trimmed from word ends (but "808"). */
    static List<String> words(String fileName) {
        String base = fileName.replaceFirst("\\.[A-Za-z0-9]{2,5}$", "");
        String spaced = base.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        for (String t : spaced.split("[^a-z0-9]+")) {
            String word = t.equals("808") ? t : t.replaceAll("^\\d+|\\d+$", "");
            if (!word.isEmpty()) {
                tokens.add(word);
            }
        }
        return tokens;
    }

    private static List<Rule> load() {
        try (InputStream in = RoleNames.class.getResourceAsStream("role-names.json")) {
            if (in == null) {
                throw new IllegalStateException("role-names.json is missing beside " + RoleNames.class.getName());
            }
            return List.copyOf(Json.MAPPER.readValue(in, new TypeReference<List<Rule>>() { }));
        } catch (IOException e) {
            throw new IllegalStateException("role-names.json is not readable", e);
        }
    }
}
