package org.deepspt.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.deepspt.io.IssueCounts;
import org.deepspt.options.OptionUsageException;
import org.jspecify.annotations.Nullable;

/**
 * The run of {@link AnalyzeJob} once its options are checked: the outputs are checked first (none may exist
 * without {@code --overwrite}), then the localisations are read, analysed ({@link DeepSptSpark#analyze}) and
 * the four outputs written; the summary goes to stderr, as the CLI's:
 * {@code analysed 50 tracks with unet in 9.1 s -> OUT (segmentation/, segments/, fingerprints/, errors/); 0 tracks
 * rejected, 0 modified -> errors/; 2 partitions}. The first count is of tracks analysed, a piece of a split track
 * being one, followed by {@code (from N input tracks)} when some were split; the others are of input tracks, as the
 * CLI's: a track split at a gap into pieces counts once ({@code 0 tracks rejected, 1 modified (3 report entries)} for one track cut into a piece
 * kept and a piece too short; see {@link SparkAnalysis#summary()}).
 */
final class SparkJob {
    /** The outputs under {@code --out}, in the order they are written. */
    static final List<String> OUTPUTS = List.of("fingerprints", "segmentation", "segments", "errors");

    private SparkJob() {
    }

    /**
     * Runs the job in an existing session (tests, notebooks); the session is left open.
     *
     * @param session the session
     * @param args as for {@link AnalyzeJob#main}
     * @return the exit status (0 on success)
     */
    static int run(SparkSession session, String... args) {
        return AnalyzeJob.run(session, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * @param job the parsed and validated options
     * @param existing a SparkSession (left open), or null to get or create one (stopped at the end)
     * @param err the summary's stream
     * @return 0
     */
    static int run(AnalyzeJob job, @Nullable Object existing, PrintWriter err) {
        AnalyzeOptions options = job.options();
        String fmt = job.outFormat.toLowerCase(Locale.ROOT);
        boolean own = existing == null;
        if (own && !new SparkConf().contains("spark.master")) {
            throw new IllegalStateException("no Spark master is set: submit the jar with spark-submit --master "
                    + "URL, or run the job locally with java -jar deepspt-spark-local.jar");
        }
        SparkSession session = own ? SparkSession.builder().appName("deepspt-spark").getOrCreate()
                : (SparkSession) existing;
        try {
            checkOutputs(session, job.out, job.overwrite);
            long start = System.nanoTime();
            Dataset<Row> locs = read(session, job);
            if (locs.isEmpty()) {
                // as the CLI's readers: an input without a localisation is an error, not an analysis of 0 tracks
                String in = job.inputName();
                boolean oneCsv = job.in.size() == 1 && in.toLowerCase(Locale.ROOT).endsWith(".csv")
                        && !in.contains("*") && !in.contains("{");
                throw new org.deepspt.api.InputFormatException(in, oneCsv ? 2 : 0, null, oneCsv
                        ? "no data rows (header only, then end of file)" : "no data rows (every file is empty or "
                        + "header only)");
            }
            try (SparkAnalysis a = DeepSptSpark.analyze(session, locs, options)) {
                // the classifier checked against the input, as the CLI's analyze --classifier reports it
                a.warnings().forEach(w -> err.println("warning: " + w));
                err.flush();
                // All or nothing: the three outputs are written into a hidden staging folder under --out, then
                // moved into place together; a failure on the way leaves the previous outputs as they were.
                org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(job.out,
                        "_deepspt-staging-" + java.util.UUID.randomUUID());
                FileSystem fs = fileSystem(session, staging);
                try {
                    write(a.tracks(), staging.toString(), "fingerprints", fmt);
                    write(a.frames(), staging.toString(), "segmentation", fmt);
                    write(a.segments(), staging.toString(), "segments", fmt);
                    write(a.issues(), staging.toString(), "errors", fmt);
                    publish(fs, staging, new org.apache.hadoop.fs.Path(job.out), job.overwrite);
                } finally {
                    deleteQuietly(fs, staging);
                }
                SparkAnalysis.Summary summary = a.summary();
                IssueCounts c = summary.issues();
                long tracks = summary.tracks();
                int rejected = c.rejected().size();
                // worded as the CLI's analyze summary (TrackRun.summary): input tracks, then the report's entries
                // when there are more of them
                err.printf(Locale.ROOT, "analysed %d tracks%s with %s in %.1f s -> %s (segmentation/, segments/, "
                        + "fingerprints/, errors/); %s%s -> errors/; %d partition%s%n",
                        tracks, tracks == summary.inputTracks() ? "" : " (from " + summary.inputTracks() + " input "
                                + "track" + (summary.inputTracks() == 1 ? "" : "s") + ")", job.models.model(), (System.nanoTime() - start) / 1e9, job.out, c.describe(),
                        c.moreEntriesThanTracks() ? " (" + c.entries() + " report entries)" : "", a.partitions(),
                        a.partitions() == 1 ? "" : "s");
                if (tracks == 0 && rejected > 0) {
                    err.println("warning: no track analysed: all " + rejected + " tracks were rejected; the reasons "
                            + "are in " + job.out + "/errors");
                }
                err.flush();
            }
        } finally {
            if (own) {
                session.stop();
            }
        }
        return 0;
    }

    /**
     * Reads {@code --in}; a folder of CSV files read as Parquet (the default for a path without {@code .csv}) is an
     * error that says to give {@code --in-format csv}, not Parquet's "not a Parquet file … magic number".
     */
    private static Dataset<Row> read(SparkSession session, AnalyzeJob job) {
        try {
            return DeepSptSpark.read(session, job.in, job.inFormat);
        } catch (Exception e) {   // Scala throws SparkException (checked in Java) undeclared
            if (job.inFormat == null) {
                for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
                    String m = t.getMessage();
                    int at = m == null ? -1 : m.indexOf(" is not a Parquet file");
                    if (at >= 0) {
                        String file = m.substring(0, at).strip();
                        file = DeepSptSpark.localPath(file.substring(file.lastIndexOf(' ') + 1));
                        throw new OptionUsageException("--in " + job.inputName() + ": " + file + " is not a Parquet file (read "
                                + "as Parquet: the path does not end in .csv); for CSV files give --in-format csv", e);
                    }
                }
            }
            throw SparkJob.<RuntimeException>sneaky(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Exception> T sneaky(Exception e) throws T {
        throw (T) e;
    }

    /** Refuses, before any work, to write over an existing output unless {@code overwrite}. */
    private static void checkOutputs(SparkSession session, String out, boolean overwrite) {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(out);
        try {
            FileSystem fs = dir.getFileSystem(session.sparkContext().hadoopConfiguration());
            if (fs.exists(dir) && !fs.getFileStatus(dir).isDirectory()) {
                // even with --overwrite: the outputs are folders under --out, and a file is not replaced by one
                throw new OptionUsageException("--out " + out + " is a file, not a folder; name a folder (new or "
                        + "existing) for segmentation/, segments/, fingerprints/ and errors/");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check --out " + out + ": " + e.getMessage(), e);
        }
        if (overwrite) {
            return;
        }
        for (String name : OUTPUTS) {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(out, name);
            boolean exists;
            try {
                FileSystem fs = p.getFileSystem(session.sparkContext().hadoopConfiguration());
                exists = fs.exists(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot check --out " + out + ": " + e.getMessage(), e);
            }
            if (exists) {
                throw new OptionUsageException("--out " + out + " already holds " + name + "/; use --overwrite to "
                        + "replace the outputs, or another --out");
            }
        }
    }

    private static void write(Dataset<Row> d, String out, String name, String fmt) {
        d.write().mode(SaveMode.ErrorIfExists).format(fmt).option("header", "true").save(out + "/" + name);
    }

    private static FileSystem fileSystem(SparkSession session, org.apache.hadoop.fs.Path p) {
        try {
            return p.getFileSystem(session.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach --out " + p.getParent() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves the staged outputs to {@code out}: an existing output (with {@code overwrite}) is first moved aside
     * into the staging folder; when a move fails, the outputs already moved are taken back and the old ones
     * restored, so {@code out} holds either every new output or every old one.
     */
    private static void publish(FileSystem fs, org.apache.hadoop.fs.Path staging, org.apache.hadoop.fs.Path out,
            boolean overwrite) {
        List<String> aside = new java.util.ArrayList<>();
        List<String> placed = new java.util.ArrayList<>();
        try {
            for (String name : OUTPUTS) {
                org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(out, name);
                if (fs.exists(target)) {
                    if (!overwrite) {
                        throw new OptionUsageException("--out " + out + " already holds " + name + "/; use "
                                + "--overwrite to replace the outputs, or another --out");
                    }
                    rename(fs, target, new org.apache.hadoop.fs.Path(staging, "old-" + name));
                    aside.add(name);
                }
            }
            for (String name : OUTPUTS) {
                rename(fs, new org.apache.hadoop.fs.Path(staging, name), new org.apache.hadoop.fs.Path(out, name));
                placed.add(name);
            }
        } catch (IOException | RuntimeException e) {
            for (String name : placed) {
                try {
                    rename(fs, new org.apache.hadoop.fs.Path(out, name), new org.apache.hadoop.fs.Path(staging, name));
                } catch (IOException ignored) {
                    // the staging folder is deleted below; the old output is still restored
                }
            }
            for (String name : aside) {
                try {
                    rename(fs, new org.apache.hadoop.fs.Path(staging, "old-" + name),
                            new org.apache.hadoop.fs.Path(out, name));
                } catch (IOException ignored) {
                    // reported by the exception below
                }
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException("cannot write --out " + out + ": " + e.getMessage()
                    + " (the previous outputs are kept)", (IOException) e);
        }
    }

    private static void rename(FileSystem fs, org.apache.hadoop.fs.Path from, org.apache.hadoop.fs.Path to)
            throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot move " + from + " to " + to);
        }
    }

    private static void deleteQuietly(FileSystem fs, org.apache.hadoop.fs.Path p) {
        try {
            fs.delete(p, true);
        } catch (IOException e) {
            // a hidden folder (leading '_', skipped by Spark's readers) left behind
        }
    }
}
