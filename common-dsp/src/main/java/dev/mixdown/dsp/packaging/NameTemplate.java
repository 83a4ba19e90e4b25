package dev.mixdown.dsp.packaging;

import java.text.Normalizer;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File names from a template such as {@code {title}_{version}_{length}_{bpm}bpm_{key}.{ext}}:
 * every field is checked when the template is parsed, and every value is made safe for every
 * file system (ASCII letters, digits, '-', '_' and '.', no leading dot, at most 150 characters).
 */
public record NameTemplate(String template) {
    public static final String DEFAULT = "{title}_{version}_{length}_{bpm}bpm_{key}.{ext}";
    public static final Set<String> FIELDS = Set.of("title", "version", "length", "bpm", "key", "ext", "isrc", "iswc", "artist",
            "publisher", "stem", "kind");
    private static final Pattern FIELD = Pattern.compile("\\{([^{}]*)}");
    private static final int MAX_LENGTH = 150;

    public NameTemplate {
        if (template == null || template.isBlank()) {
            template = DEFAULT;
        }
        Matcher m = FIELD.matcher(template);
        while (m.find()) {
            if (!FIELDS.contains(m.group(1))) {
                throw new IllegalArgumentException("name template '" + template + "': unknown field {" + m.group(1) + "} (known: "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        if (!template.contains("{ext}")) {
            throw new IllegalArgumentException("name template '" + template + "' must contain {ext}");
        }
    }

    /** The file name for {@code values} (a field without a value becomes empty; runs of separators collapse). */
    public String render(Map<String, String> values) {
        Matcher m = FIELD.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = values.getOrDefault(m.group(1), "");
            m.appendReplacement(sb, Matcher.quoteReplacement(safe(v == null ? "" : v)));
        }
        m.appendTail(sb);
        String name = sb.toString().replaceAll("[_-]{2,}", "_").replaceAll("_\\.", ".").replaceAll("^[._-]+", "");
        if (name.length() > MAX_LENGTH) {
            int dot = name.lastIndexOf('.');
            String ext = dot > 0 ? name.substring(dot) : "";
            name = name.substring(0, MAX_LENGTH - ext.length()) + ext;
        }
        return name;
    }

    /** {@code text} as ASCII letters, digits, '-' and '_' (accents dropped, '#' as "sharp", the rest as '_'). */
    public static String safe(String text) {
        String s = Normalizer.normalize(text.replace("#", "sharp"), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return s.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
    }
}
