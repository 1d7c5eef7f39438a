package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepspt.api.Segmenters;
import org.deepspt.api.inference.InferenceBackend;
import org.deepspt.model.ModelSegmenterProvider;
import org.deepspt.model.SegmentationModels;
import org.deepspt.neural.InferenceBackends;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * The model and backend names that the help texts and the README write out are the registry's: every name they
 * give is one of {@link Segmenters#names()} (no stale or misspelt name), a text that lists the neural aliases
 * ({@code unet} and its variants, {@link ModelSegmenterProvider#names()} less the bundled models' file names)
 * lists all of them, and every {@code auto|onnx|jvm} list of backends is {@code auto} and the backends on the
 * class path ({@link InferenceBackends#all()}), none missing, none extra.
 */
class ModelVocabularyTest {
    /** A segmenter name as the texts write it: {@code unet}, {@code unet-…}, {@code rolling-msd}. */
    private static final Pattern MODEL_NAME = Pattern.compile("(?<![\\w-])(unet(?:-[a-z0-9]+)*|rolling-msd)(?![\\w-])");
    /** A backend choice list in the README: {@code --backend auto\|onnx\|jvm}. */
    private static final Pattern BACKEND_LIST = Pattern.compile("--backend ((?:[a-z]+\\\\?\\|)+[a-z]+)");

    /** @return the neural aliases of the registry, e.g. unet, unet-fast, unet-int8, unet-ensemble */
    private static Set<String> neuralAliases() {
        Set<String> out = new TreeSet<>();
        for (String n : new ModelSegmenterProvider().names()) {
            if (!SegmentationModels.isBundled(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** @return auto and the backends of the main class path (the test backend of this module left out) */
    private static Set<String> backends() {
        Set<String> out = new TreeSet<>(Set.of("auto"));
        for (InferenceBackend b : InferenceBackends.all()) {
            if (b.getClass() != FailingBackend.class) {
                out.add(b.name());
            }
        }
        return out;
    }

    /** @return what is wrong with the names one text gives: unknown names, or an incomplete alias list */
    private static List<String> problems(String where, String text) {
        List<String> out = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        Matcher m = MODEL_NAME.matcher(text);
        while (m.find()) {
            named.add(m.group(1));
        }
        for (String n : named) {
            if (!Segmenters.names().contains(n)) {
                out.add(where + ": '" + n + "' is not a registered segmenter name");
            }
        }
        Set<String> aliases = new TreeSet<>(named);
        aliases.retainAll(neuralAliases());
        if (aliases.size() >= 2 && !aliases.equals(neuralAliases())) {
            Set<String> missing = new TreeSet<>(neuralAliases());
            missing.removeAll(aliases);
            out.add(where + ": lists " + aliases + " but not " + missing);
        }
        return out;
    }

    @Test
    void theRegistryHasTheAliasesTheseChecksRelyOn() {
        assertTrue(neuralAliases().containsAll(List.of("unet", "unet-fast", "unet-int8", "unet-ensemble")),
                neuralAliases().toString());
        assertTrue(Segmenters.names().contains("rolling-msd"), Segmenters.names().toString());
        assertTrue(backends().containsAll(List.of("auto", "onnx", "jvm")), backends().toString());
        assertEquals(List.of("x: 'unet-turbo' is not a registered segmenter name", "x: lists [unet, unet-fast] but "
                + "not " + new TreeSet<>(List.of("unet-ensemble", "unet-int8"))), problems("x", "unet, unet-fast or "
                + "unet-turbo"), "the check itself");
    }

    @Test
    void helpTextsNameTheRegistrysModels() {
        List<String> problems = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, CommandLine> c : new CommandLine(new Main()).getSubcommands().entrySet()) {
            texts.put(c.getKey(), String.join(" ", c.getValue().getCommandSpec().usageMessage().description()));
            for (OptionSpec o : c.getValue().getCommandSpec().options()) {
                texts.put(c.getKey() + " " + o.longestName(), String.join(" ", o.description()));
            }
        }
        texts.forEach((where, text) -> problems.addAll(problems(where, text)));
        assertEquals(List.of(), problems);
        String backend = String.join(" ", new CommandLine(new Main()).getSubcommands().get("segment")
                .getCommandSpec().findOption("--backend").description());
        for (String b : backends()) {
            assertTrue(backend.contains(b), "segment --backend help lacks " + b + ": " + backend);
        }
    }

    @Test
    void theReadmeNamesTheRegistrysModelsAndBackends() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../README.md"));
        List<String> problems = new ArrayList<>();
        int backendLists = 0;
        for (int i = 0; i < lines.size(); i++) {
            problems.addAll(problems("README.md:" + (i + 1), lines.get(i)));
            Matcher b = BACKEND_LIST.matcher(lines.get(i));
            while (b.find()) {
                backendLists++;
                Set<String> listed = new TreeSet<>(List.of(b.group(1).split("\\\\?\\|")));
                if (!listed.equals(backends())) {
                    problems.add("README.md:" + (i + 1) + ": --backend " + listed + ", registry " + backends());
                }
            }
        }
        assertTrue(backendLists >= 3, "backend lists found: " + backendLists);
        assertEquals(List.of(), problems);
    }
}
