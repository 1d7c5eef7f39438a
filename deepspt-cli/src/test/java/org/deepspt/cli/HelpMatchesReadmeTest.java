package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepspt.io.BranchPolicy;
import org.deepspt.io.GapPolicy;
import org.deepspt.options.PostProcessingOptions;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The help texts and the README's tables say the same: every option the README's command table gives a command
 * exists in that command's help, the choices it lists are the enum's, and the facts both state come from one
 * constant.
 */
class HelpMatchesReadmeTest {
    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z0-9-]*");

    private static List<String> readme() throws Exception {
        return Files.readAllLines(Path.of("../README.md"));
    }

    private static Map<String, CommandLine> commands() {
        return new CommandLine(new Main()).getSubcommands();
    }

    private static Set<String> optionsOf(CommandLine c) {
        Set<String> names = new TreeSet<>();
        for (OptionSpec o : c.getCommandSpec().options()) {
            names.addAll(Arrays.asList(o.names()));
        }
        return names;
    }

    /** @return the command's description and its options' descriptions (as written, before line wrapping) */
    private static String help(CommandLine c) {
        StringBuilder sb = new StringBuilder(String.join(" ", c.getCommandSpec().usageMessage().description()));
        for (OptionSpec o : c.getCommandSpec().options()) {
            sb.append(' ').append(String.join(" ", o.description()));
        }
        return sb.toString();
    }

    @Test
    void everyOptionInTheReadmesCommandTableExists() throws Exception {
        List<String> problems = new ArrayList<>();
        int rows = 0;
        for (String line : readme()) {
            Matcher m = Pattern.compile("^\\| `([a-z-]+) ([^`]*)`").matcher(line);
            if (!m.find() || !commands().containsKey(m.group(1))) {
                continue;
            }
            rows++;
            Set<String> known = optionsOf(commands().get(m.group(1)));
            Matcher o = OPTION.matcher(m.group(2));
            while (o.find()) {
                if (!known.contains(o.group())) {
                    problems.add(m.group(1) + " " + o.group());
                }
            }
        }
        assertTrue(rows >= 9, "command rows found: " + rows);
        assertEquals(List.of(), problems, "options in the README's command table that the help does not have");
    }

    /** Every command has a row in the README's command table (review: {@code stream} had none). */
    @Test
    void everyCommandHasARowInTheReadmesCommandTable() throws Exception {
        Set<String> rows = new TreeSet<>();
        for (String line : readme()) {
            Matcher m = Pattern.compile("^\\| `([a-z-]+)[ `]").matcher(line);
            if (m.find()) {
                rows.add(m.group(1));
            }
        }
        Set<String> missing = new TreeSet<>(commands().keySet());
        missing.remove("help");
        missing.removeAll(rows);
        assertEquals(Set.of(), missing, "commands without a row in the README's command table");
    }

    @Test
    void choicesAndFactsComeFromOneSource() throws Exception {
        String readme = String.join("\n", readme());
        CommandLine segment = commands().get("segment");
        String help = help(segment).replaceAll("\\s+", " ");
        for (BranchPolicy p : BranchPolicy.values()) {
            assertTrue(help.contains(p.name()), "--branches help lacks " + p);
            assertTrue(readme.contains("`--branches " + p.name() + "`") || readme.contains("`" + p.name() + "`"),
                    "README lacks branch policy " + p);
        }
        for (GapPolicy p : GapPolicy.values()) {
            assertTrue(help.contains(p.name()), "--gaps help lacks " + p);
        }
        assertTrue(help.contains(PostProcessingOptions.SMOOTH_EFFECT.replaceAll("\\s+", " ")), help);
        assertTrue(readme.replaceAll("\\s+", " ").contains(PostProcessingOptions.SMOOTH_EFFECT), "README's --smooth "
                + "effect differs from the help's");
        assertTrue(help.contains(PostProcessingOptions.D_CHANGES_EFFECT.replaceAll("\\s+", " ")), help);
        assertTrue(readme.replaceAll("\\s+", " ").contains(PostProcessingOptions.D_CHANGES_EFFECT), "README's "
                + "--no-d-changes effect differs from the help's");
        assertTrue(optionsOf(segment).contains("--no-d-changes") && readme.contains("[--no-d-changes]"),
                "--no-d-changes");
        String rule = org.deepspt.options.ReadPolicyOptions.OPTION_VS_FILE;
        assertTrue(help.contains(rule) && readme.contains(rule), "README's and the help's rule for an option against "
                + "the file's value");
        String train = help(commands().get("train-classifier")).replaceAll("\\s+", " ");
        assertTrue(train.contains("--model segmentation model, default " + ModelOptions.DEFAULT), train);
        assertTrue(readme.contains("segmented with `--model`, default `" + ModelOptions.DEFAULT + "`"));
        String classify = help(commands().get("classify"));
        String flat = readme.replaceAll("\\s+", " ");
        assertTrue(classify.contains(ClassifyCommand.COLUMNS) && classify.contains(ClassifyCommand.ABSTENTION), classify);
        assertTrue(flat.contains("`" + ClassifyCommand.COLUMNS + "`. " + ClassifyCommand.ABSTENTION),
                "README's classify row states the columns and the abstention rules as the help does");
        assertTrue(help.contains("x,y[,z],interpolated[,spot_id][,file]")
                && readme.contains("x,y[,z],interpolated[,spot_id][,file]"), "segment's output columns");
        // every fit status a whole-track fit can have is named by msd's help and README's msd row
        String msd = help(commands().get("msd")).replaceAll("\\s+", " ");
        String msdRow = readme().stream().filter(l -> l.startsWith("| `msd ")).findFirst().orElseThrow();
        for (org.deepspt.api.FitStatus st : java.util.EnumSet.complementOf(java.util.EnumSet.of(
                org.deepspt.api.FitStatus.TWO_LAGS, org.deepspt.api.FitStatus.ALPHA_FROM_STATE,
                org.deepspt.api.FitStatus.CAGE_SATURATED, org.deepspt.api.FitStatus.NOT_ESTIMATED))) {
            assertTrue(msd.contains(st.label()), "msd help lacks " + st.label());
            assertTrue(msdRow.contains("`" + st.label() + "`"), "README's msd row lacks " + st.label());
        }
        // the statuses only a segment's estimate has are named by segment's --segments help and the README
        String segmentHelp = help(segment).replaceAll("\\s+", " ");
        for (org.deepspt.api.FitStatus st : java.util.EnumSet.of(org.deepspt.api.FitStatus.TWO_LAGS,
                org.deepspt.api.FitStatus.ALPHA_FROM_STATE, org.deepspt.api.FitStatus.CAGE_SATURATED)) {
            assertTrue(segmentHelp.contains(st.label()), "segment help lacks " + st.label());
            assertTrue(readme.contains("`" + st.label() + "`"), "README lacks " + st.label());
        }
        // a fingerprint's msd_fit_status is the status of the same whole-track fit: the same labels
        String fingerprint = help(commands().get("fingerprint")).replaceAll("\\s+", " ");
        String fingerprintRow = readme().stream().filter(l -> l.startsWith("| `fingerprint ")).findFirst()
                .orElseThrow();
        for (org.deepspt.api.FitStatus st : java.util.EnumSet.complementOf(java.util.EnumSet.of(
                org.deepspt.api.FitStatus.TWO_LAGS, org.deepspt.api.FitStatus.ALPHA_FROM_STATE,
                org.deepspt.api.FitStatus.CAGE_SATURATED, org.deepspt.api.FitStatus.NOT_ESTIMATED))) {
            assertTrue(fingerprint.contains(st.label()), "fingerprint help lacks " + st.label());
            assertTrue(fingerprintRow.contains("`" + st.label() + "`"), "README's fingerprint row lacks " + st.label());
        }
        // the context columns a fingerprint table carries, in fingerprint's help and README's formats table
        String context = String.join(",", org.deepspt.io.TrackColumns.CONTEXT);
        assertTrue(fingerprint.contains(context), fingerprint);
        assertTrue(readme.contains(context), "README names the context columns of a fingerprint table");
    }

    /**
     * Every command's help renders its descriptions as format strings: a lone '%' (e.g. "10 % of the frames")
     * makes picocli print a warning to the process's stderr and show the raw text.
     */
    @Test
    void everyHelpTextFormatsWithoutAPicocliWarning() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        List<String> warned = new ArrayList<>();
        try {
            System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            List<String> names = new ArrayList<>(commands().keySet());
            names.add(0, "--help");
            for (String name : names) {
                captured.reset();
                CliRun r = name.equals("--help") ? CliRun.run("--help") : CliRun.run(name, "--help");
                String all = captured.toString(java.nio.charset.StandardCharsets.UTF_8) + r.err();
                if (all.contains("picocli WARN")) {
                    warned.add(name + ": " + all.lines().filter(l -> l.contains("WARN")).findFirst().orElse(""));
                }
            }
        } finally {
            System.setErr(saved);
        }
        assertTrue(warned.isEmpty(), String.join("\n", warned));
    }
}
