package org.deepspt.spark;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.TaskCompletionListener;
import org.deepspt.api.Classifier;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.Messages;
import org.deepspt.api.Segmenter;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.io.ReadOptions;
import org.deepspt.io.ReadResult;
import org.deepspt.io.TrackAssembler;
import org.deepspt.io.TrackSource;
import org.deepspt.options.ModelChoiceOptions;
import org.deepspt.pipeline.Pipeline;
import org.deepspt.pipeline.TrackFailure;
import org.deepspt.pipeline.TrackOutcome;
import org.deepspt.pipeline.TrackResult;

/**
 * Runs on the executors, once per partition of localisations hashed by (group…, particle) and sorted so that
 * the rows of a track are contiguous. Input row layout: the grouping columns, then particle (string), frame,
 * x, y[, z] as they are in the input (numbers of any type, or text: parsed here by the readers' rules). Each track is assembled with {@link TrackAssembler} (the readers' policies), the
 * accepted trajectories stream through one {@link Pipeline} (batched segmentation with the JVM's shared
 * segmenter), and every assembly issue, input error, pipeline failure and result becomes one {@link TrackRows}
 * row.
 */
final class PartitionAnalyzer implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    /** Track id of the note about localisations without a particle id (as the TrackMate CSV reader's). */
    static final String UNTRACKED_ID = "(untracked spots)";

    private final AnalyzeOptions options;
    private final int dimension;
    private final boolean withZ;
    private final TrackRows rows;
    private final Broadcast<String> classifierJson;

    PartitionAnalyzer(AnalyzeOptions options, int dimension, boolean withZ, TrackRows rows,
            Broadcast<String> classifierJson) {
        this.options = options;
        this.dimension = dimension;
        this.withZ = withZ;
        this.rows = rows;
        this.classifierJson = classifierJson;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        if (!input.hasNext()) {
            return Collections.emptyIterator();
        }
        Segmenter segmenter = ExecutorResources.segmenter(options.model(), dimension, options.segmenterOptions());
        Classifier classifier = classifierJson == null ? null : ExecutorResources.classifier(classifierJson.value());
        // the post-processing DeepSptSpark.analyze words for the classifier check: the one helper configures it
        TrackRows.SegmenterContext context = new TrackRows.SegmenterContext(
                ModelChoiceOptions.segmenterName(options.model()), options.postProcessing().describe(segmenter));
        Pipeline pipeline = options.postProcessing().applyTo(Pipeline.builder().segmenter(segmenter)
                .fingerprints(DiffusionalFingerprint.defaults()).classifier(classifier).batchSize(options.batchSize())
                .threads(options.threadsPerTask()), segmenter).build();
        Tracks tracks = new Tracks(input);
        Stream<TrackOutcome> stream = pipeline.outcomes(tracks);
        TaskContext ctx = TaskContext.get();
        if (ctx != null) {
            ctx.addTaskCompletionListener((TaskCompletionListener) c -> stream.close());
        }
        Iterator<TrackOutcome> outcomes = stream.iterator();
        return new Iterator<>() {
            private Row next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    if (!tracks.pending.isEmpty()) {
                        next = tracks.pending.poll();
                    } else if (outcomes.hasNext()) {
                        TrackOutcome o = outcomes.next();
                        next = row(tracks.handedOut.poll(), o, context);
                    } else if (tracks.pending.isEmpty()) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row r = next;
                next = null;
                return r;
            }
        };
    }

    private Row row(Handed h, TrackOutcome o, TrackRows.SegmenterContext context) {
        if (o instanceof TrackFailure f) {
            // a piece rejected by the pipeline (too short for the model) is counted under its input track
            return rows.issue(h.group(), f.issue(), h.source().inputId());
        }
        TrackResult r = (TrackResult) o;
        return rows.result(h.group(), r.trackId(), h.trajectory(), h.source(), r.segmentation().orElseThrow(),
                r.fingerprint().orElse(null), r.prediction().orElse(null), context);
    }

    /** A trajectory handed to the pipeline, with its group values and where its points came from. */
    private record Handed(Object[] group, Trajectory trajectory, TrackSource source) {
    }

    /**
     * The trajectories of a partition, assembled track by track on the consuming thread. Every trajectory handed
     * out is queued with its group values and source in {@link #handedOut} (outcomes come back in the same order),
     * and the assembly issues in {@link #pending}.
     */
    private final class Tracks implements Iterator<Trajectory> {
        private final Iterator<Row> input;
        private final int groupCount = rows.groups().size();
        private final ReadOptions readOptions = options.readOptions();
        final ArrayDeque<Handed> handedOut = new ArrayDeque<>();
        final ArrayDeque<Row> pending = new ArrayDeque<>();
        private final ArrayDeque<Handed> ready = new ArrayDeque<>();
        private Row lookahead;

        Tracks(Iterator<Row> input) {
            this.input = input;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && (lookahead != null || input.hasNext())) {
                assembleNext();
            }
            return !ready.isEmpty();
        }

        @Override
        public Trajectory next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Handed h = ready.poll();
            handedOut.add(h);
            return h.trajectory();
        }

        /** Reads the rows of one (group…, particle) and assembles them. */
        private void assembleNext() {
            Row first = lookahead != null ? lookahead : input.next();
            lookahead = null;
            Object[] group = new Object[groupCount];
            for (int i = 0; i < groupCount; i++) {
                group[i] = first.get(i);
            }
            String particle = first.isNullAt(groupCount) ? null : first.getString(groupCount);
            String source = source(group);
            TrackAssembler assembler = particle == null ? null : TrackAssembler.of(readOptions, dimension, source);
            long count = 0;
            InputFormatException error = null;
            Row r = first;
            while (true) {
                count++;
                if (assembler != null && error == null) {
                    try {
                        add(assembler, r, particle);
                    } catch (InputFormatException e) {
                        error = e;          // the rest of the track is read past; the driver raises the error
                    }
                }
                if (!input.hasNext()) {
                    break;
                }
                r = input.next();
                if (!sameTrack(r, group, particle)) {
                    lookahead = r;
                    break;
                }
            }
            if (error != null) {
                pending.add(rows.error(group, particle, error));
                return;
            }
            if (assembler == null) {
                pending.add(rows.issue(group, TrackIssue.fileNote(UNTRACKED_ID, TrackIssue.Kind.REJECTED, count,
                        count + " localisation" + (count == 1 ? "" : "s") + " with no particle id ignored")));
                return;
            }
            ReadResult result = assembler.finish();
            for (TrackIssue issue : result.issues()) {
                pending.add(rows.issue(group, issue));
            }
            for (Trajectory t : result.trajectories()) {
                ready.add(new Handed(group, t, result.source(t.id())));
            }
        }

        /**
         * Adds one row: the cells as they are in the table (numbers or text), parsed and checked by the file
         * readers' rules ({@link TrackAssembler#addCells}). In a 2D data set a missing z is 0, as an empty z
         * field of a CSV file; in a 3D one it is a missing (non-finite) coordinate.
         */
        private void add(TrackAssembler assembler, Row r, String particle) {
            int c = groupCount + 1;
            Object z = withZ ? r.get(c + 3) : null;
            if (z == null && dimension == 2) {
                z = 0.0;
            }
            assembler.addCells(particle, r.get(c), r.get(c + 1), r.get(c + 2), z);
        }

        private boolean sameTrack(Row r, Object[] group, String particle) {
            String p = r.isNullAt(groupCount) ? null : r.getString(groupCount);
            if (!Objects.equals(p, particle)) {
                return false;
            }
            for (int i = 0; i < groupCount; i++) {
                if (!Objects.equals(r.get(i), group[i])) {
                    return false;
                }
            }
            return true;
        }

        private String source(Object[] group) {
            if (groupCount == 0) {
                return options.inputName();
            }
            StringBuilder sb = new StringBuilder(options.inputName()).append(" (");
            for (int i = 0; i < groupCount; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(rows.groups().fields()[i].name()).append('=')
                        .append(Messages.abbreviate(String.valueOf(group[i])));
            }
            return sb.append(')').toString();
        }
    }
}
