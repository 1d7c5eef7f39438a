package org.deepspt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deepspt.io.CommandLineTerms;
import org.deepspt.io.ReadTerm;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The job's words for the library's: a term is said as the job's option where the job has it, and stays the
 * library's where it has none (before: the TrackMate settings would have been said as CLI options the job lacks);
 * and its summary counts the untracked localisations of each group by the count its issue rows carry.
 */
class SparkTermsTest {
    @Test
    void aTermIsTheJobsOptionWhereTheJobHasOne() {
        CommandLine job = new CommandLine(new AnalyzeJob());
        for (ReadTerm t : ReadTerm.values()) {
            String option = CommandLineTerms.option(t).split(" ")[0];
            boolean has = job.getCommandSpec().findOption(option) != null;
            assertEquals(has, CommandLineTerms.shared(t), t + ": the job " + (has ? "has " : "lacks ") + option);
            String said = CommandLineTerms.of("x " + t + " y");
            assertEquals(has ? "x " + CommandLineTerms.option(t) + " y" : "x " + t.library() + " y", said);
        }
    }

    /**
     * The job has {@code --column ROLE=COLUMN}, the CLI's syntax: a missing column is said as it, with its role
     * (before: by a regular expression over the prose); it has no {@code --format} (its {@code --in-format} is
     * parquet or csv, not a track format), so a forced format stays the library's, which no message of the job holds.
     */
    @Test
    void aColumnIsTheJobsOptionWithItsRoleAndTheFormatIsNot() {
        assertEquals("map another column with --column y=HEADER",
                CommandLineTerms.of("map another column with " + ReadTerm.column("y")));
        assertEquals("force it with ReadOptions.format", CommandLineTerms.of("force it with " + ReadTerm.FORMAT));
        CommandLine job = new CommandLine(new AnalyzeJob());
        assertEquals("ROLE=COLUMN", job.getCommandSpec().findOption("--column").paramLabel());
        SparkSession spark = LocalSpark.session();
        Dataset<Row> noY = spark.sql("select 'a' as particle, 0 as frame, 0.1 as x, 0.2 as POS_Y");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DeepSptSpark.analyze(spark, noY, AnalyzeOptions.defaults().model("rolling-msd")));
        assertTrue(CommandLineTerms.of(e.getMessage()).endsWith("; map another column with --column y=HEADER"),
                e.getMessage());
    }

    /** Golden: 2 + 3 localisations without a particle id in two groups: 5 untracked spots, none of them a track. */
    @Test
    void untrackedLocalisationsAreCountedByTheirRowsCount() {
        SparkSession spark = LocalSpark.session();
        // all columns text, as a CSV is read
        StringBuilder sql = new StringBuilder();
        for (int f = 0; f < 30; f++) {
            sql.append(sql.length() == 0 ? "" : " union all ").append("select 'a' as particle, '").append(f)
                    .append("' as frame, '").append(0.1 * f).append("' as x, '").append(0.05 * (f % 3))
                    .append("' as y, 'E1' as experiment");
        }
        for (String[] untracked : new String[][] {{"E1", "0"}, {"E1", "1"}, {"E2", "0"}, {"E2", "1"}, {"E2", "2"}}) {
            sql.append(" union all select cast(null as string), '").append(untracked[1])
                    .append("', '0.0', '0.0', '").append(untracked[0]).append("'");
        }
        Dataset<Row> locs = spark.sql(sql.toString());
        try (SparkAnalysis a = DeepSptSpark.analyze(spark, locs, AnalyzeOptions.defaults().model("rolling-msd")
                .groupBy("experiment"))) {
            SparkAnalysis.Summary s = a.summary();
            assertEquals(5, s.issues().untrackedSpots(), s.issues().toString());
            assertEquals("0 tracks rejected, 0 modified, 5 untracked spots not read", s.issues().describe());
            assertFalse(Arrays.asList(a.issues().columns()).contains(TrackRows.COUNT),
                    "the count is internal: " + Arrays.toString(a.issues().columns()));
            assertTrue(a.issues().count() == 2, "one row per group");
        }
    }
}
