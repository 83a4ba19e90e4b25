package dev.mixdown.dsp.mix.balance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.protos.core.ModelProto;

/**
 * Reading and writing a trained model: Tribuo's protobuf form ({@code NAME.tribuo}) beside a small
 * text file of facts the engine needs and Tribuo does not keep ({@code NAME.txt}: the feature
 * version, the feature names in order, reference values, how it was trained). Both are plain,
 * versioned files in the repository.
 */
final class TreeModels {
    private TreeModels() {
    }

    /** A model and its facts. */
    record Loaded<T extends Output<T>>(Model<T> model, Map<String, String> facts) {
        double[] doubles(String key) {
            String v = facts.get(key);
            if (v == null || v.isEmpty()) {
                return new double[0];
            }
            String[] parts = v.split(",");
            double[] d = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                d[i] = Double.parseDouble(parts[i]);
            }
            return d;
        }

        List<String> strings(String key) {
            String v = facts.get(key);
            return v == null || v.isEmpty() ? List.of() : List.of(v.split(","));
        }
    }

    /** Loads {@code name.tribuo} and {@code name.txt} from the class path next to this class. */
    static <T extends Output<T>> Loaded<T> resource(String name, Class<T> output) {
        try (InputStream model = TreeModels.class.getResourceAsStream(name + ".tribuo");
                InputStream facts = TreeModels.class.getResourceAsStream(name + ".txt")) {
            if (model == null || facts == null) {
                return null;
            }
            return read(model, new String(facts.readAllBytes(), StandardCharsets.UTF_8), output, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled model " + name, e);
        }
    }

    /** Loads {@code base.tribuo} and {@code base.txt}; {@code base} is a path without extension. */
    static <T extends Output<T>> Loaded<T> file(Path base, Class<T> output) throws IOException {
        Path model = base.resolveSibling(base.getFileName() + ".tribuo");
        Path facts = base.resolveSibling(base.getFileName() + ".txt");
        try (InputStream in = Files.newInputStream(model)) {
            return read(in, Files.readString(facts), output, model.toString());
        }
    }

    private static <T extends Output<T>> Loaded<T> read(InputStream model, String facts, Class<T> output, String name)
            throws IOException {
        Model<?> m;
        try {
            m = Model.deserialize(ModelProto.parseFrom(model));
        } catch (RuntimeException | IOException unreadable) {
            throw new IOException(name + ": not a readable Tribuo model (" + unreadable.getMessage() + ")", unreadable);
        }
        if (!m.validate(output)) {
            throw new IOException(name + ": not a model of " + output.getSimpleName());
        }
        @SuppressWarnings("unchecked")
        Model<T> typed = (Model<T>) m;
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : facts.split("\n")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                map.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        String version = map.get("feature_version");
        if (version == null || Integer.parseInt(version) != BalanceFeatures.VERSION) {
            throw new IOException(name + ": trained on feature version " + version + ", the engine computes version "
                    + BalanceFeatures.VERSION + "; retrain it (scripts/train-balance.sh)");
        }
        return new Loaded<>(typed, map);
    }

    /** Writes {@code base.tribuo} and {@code base.txt}: byte for byte the same for the same model and facts. */
    static void write(Path base, Model<?> model, Map<String, String> facts) throws IOException {
        Files.createDirectories(base.toAbsolutePath().getParent());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.serialize().writeTo(bytes);
        Files.write(base.resolveSibling(base.getFileName() + ".tribuo"), bytes.toByteArray());
        List<String> lines = new ArrayList<>();
        lines.add("# written by the balance-model trainer (scripts/train-balance.sh); do not edit");
        lines.add("feature_version=" + BalanceFeatures.VERSION);
        new TreeMap<>(facts).forEach((k, v) -> {
            if (!k.equals("feature_version")) { // a loaded model's facts carry it; it is written once, above
                lines.add(k + "=" + v);
            }
        });
        Files.writeString(base.resolveSibling(base.getFileName() + ".txt"), String.join("\n", lines) + "\n");
    }
}
