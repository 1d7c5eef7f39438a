package org.deepspt.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Segmenter;
import org.deepspt.api.TrackTooShortException;
import org.deepspt.api.Trajectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Segmenter} that runs an ONNX segmentation model (see the package contract) with ONNX Runtime.
 *
 * <p>One {@link OrtSession} serves all threads ({@code OrtSession.run} is thread-safe). {@link #segmentAll}
 * groups tracks by length, so a batch needs no padding, and runs batches of at most
 * {@link OnnxOptions#maxBatchSize()} tracks. Positions are shifted by the track's first point in double
 * precision before conversion to float32, which keeps sub-nanometre resolution for tracks far from the
 * origin; models are translation invariant by contract. Every native tensor and result is closed after use.
 *
 * <p>{@link #close()} waits for runs in flight, then frees the session; later calls throw
 * {@link DeepSptException} ("closed"). Thread-safe.
 */
public final class OnnxSegmenter implements Segmenter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxSegmenter.class);

    private final String name;
    private final int dimension;
    private final OnnxOptions options;
    private final ExecutionDevice device;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxSegmenter(String name, int dimension, OnnxOptions options, ExecutionDevice device,
            OrtEnvironment env, OrtSession session, String inputName) {
        this.name = name;
        this.dimension = dimension;
        this.options = options;
        this.device = device;
        this.env = env;
        this.session = session;
        this.inputName = inputName;
    }

    /**
     * Loads a model file.
     *
     * @param modelFile an {@code .onnx} file following the package contract
     * @param options runtime options
     * @return the segmenter; close it when done
     * @throws ModelLoadException naming the file when it is missing, unreadable or off-contract
     */
    public static OnnxSegmenter load(Path modelFile, OnnxOptions options) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(modelFile);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read model file " + modelFile + ": " + e.getMessage(), e);
        }
        String fileName = modelFile.getFileName().toString();
        return load(bytes, fileName.endsWith(".onnx") ? fileName.substring(0, fileName.length() - 5) : fileName,
                options);
    }

    /**
     * Loads a model from its bytes.
     *
     * @param model the ONNX protobuf bytes
     * @param name name used in messages and {@link #name()}
     * @param options runtime options
     * @return the segmenter; close it when done
     */
    public static OnnxSegmenter load(byte[] model, String name, OnnxOptions options) {
        return load(model, name, 0, options);
    }

    /**
     * Loads a model from its bytes, for graphs whose input does not declare the dimension statically.
     *
     * @param model the ONNX protobuf bytes
     * @param name name used in messages and {@link #name()}
     * @param dimension 2 or 3; 0 to take it from the graph's input shape
     * @param options runtime options
     * @return the segmenter; close it when done
     */
    public static OnnxSegmenter load(byte[] model, String name, int dimension, OnnxOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        ExecutionDevice device = ExecutionDevice.CPU;
        OrtSession session;
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(options.intraOpThreads());
            so.setInterOpNumThreads(1);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (options.device() == ExecutionDevice.CUDA) {
                try {
                    so.addCUDA(options.cudaDeviceId());
                    device = ExecutionDevice.CUDA;
                } catch (OrtException | UnsatisfiedLinkError e) {
                    LOG.warn("model '{}': CUDA execution provider unavailable ({}); running on the CPU", name,
                            e.getMessage());
                }
            }
            session = env.createSession(model, so);
        } catch (OrtException e) {
            throw new ModelLoadException("model '" + name + "' cannot be loaded by ONNX Runtime: "
                    + e.getMessage(), e);
        }
        try {
            return validate(name, dimension, options, device, env, session);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    private static OnnxSegmenter validate(String name, int dimension, OnnxOptions options,
            ExecutionDevice device, OrtEnvironment env, OrtSession session) {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            if (inputs.size() != 1 || outputs.size() != 1) {
                throw new ModelLoadException("model '" + name + "' must have 1 input and 1 output, has "
                        + inputs.size() + " and " + outputs.size());
            }
            Map.Entry<String, NodeInfo> in = inputs.entrySet().iterator().next();
            NodeInfo out = outputs.values().iterator().next();
            long[] inShape = shapeOf(name, in.getValue());
            long[] outShape = shapeOf(name, out);
            // A dimension of -1 is dynamic (e.g. PyTorch exports); the run checks the actual output shape.
            long graphDim = inShape.length == 3 ? inShape[2] : 0;
            int dim = dimension != 0 ? dimension : (int) graphDim;
            if (inShape.length != 3 || (dim != 2 && dim != 3) || (graphDim != -1 && graphDim != dim)) {
                throw new ModelLoadException("model '" + name + "' input '" + in.getKey()
                        + "' must be [batch, length, " + (dimension != 0 ? dimension : "2|3") + "], is "
                        + Arrays.toString(inShape));
            }
            if (outShape.length != 3 || (outShape[2] != DiffusionState.COUNT && outShape[2] != -1)) {
                throw new ModelLoadException("model '" + name + "' output '" + out.getName()
                        + "' must be [batch, length, 4], is " + Arrays.toString(outShape));
            }
            return new OnnxSegmenter(name, dim, options, device, env, session, in.getKey());
        } catch (OrtException e) {
            throw new ModelLoadException("model '" + name + "' metadata unreadable: " + e.getMessage(), e);
        }
    }

    private static long[] shapeOf(String name, NodeInfo info) {
        if (!(info.getInfo() instanceof TensorInfo t)) {
            throw new ModelLoadException("model '" + name + "' node '" + info.getName() + "' is not a tensor");
        }
        if (t.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
            throw new ModelLoadException("model '" + name + "' node '" + info.getName() + "' must be float32, is "
                    + t.type);
        }
        return t.getShape();
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException e) {
            LOG.debug("closing session failed", e);
        }
    }

    /** @return 2 or 3: the dimension of tracks this model segments */
    public int dimension() {
        return dimension;
    }

    /** @return the execution provider in use (CPU when CUDA was asked for but could not load) */
    public ExecutionDevice device() {
        return device;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int minimumLength() {
        return options.minimumLength();
    }

    @Override
    public Segmentation segment(Trajectory trajectory) {
        check(trajectory);
        return run(List.of(trajectory)).get(0);
    }

    /**
     * Segments many tracks: grouped by length into batches of at most {@code maxBatchSize}; the result
     * keeps the input order. Fails on the first track that is too short or of the wrong dimension (before
     * running anything).
     */
    @Override
    public List<Segmentation> segmentAll(List<Trajectory> trajectories) {
        for (Trajectory t : trajectories) {
            check(t);
        }
        Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
        for (int i = 0; i < trajectories.size(); i++) {
            byLength.computeIfAbsent(trajectories.get(i).size(), k -> new ArrayList<>()).add(i);
        }
        Segmentation[] out = new Segmentation[trajectories.size()];
        for (List<Integer> idx : byLength.values()) {
            for (int from = 0; from < idx.size(); from += options.maxBatchSize()) {
                List<Integer> part = idx.subList(from, Math.min(idx.size(), from + options.maxBatchSize()));
                List<Trajectory> batch = new ArrayList<>(part.size());
                for (int i : part) {
                    batch.add(trajectories.get(i));
                }
                List<Segmentation> res = run(batch);
                for (int k = 0; k < part.size(); k++) {
                    out[part.get(k)] = res.get(k);
                }
            }
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }

    private void check(Trajectory t) {
        if (t.dimension() != dimension) {
            throw new InvalidTrajectoryException(t.id(), "is " + t.dimension() + "D but model '" + name + "' is "
                    + dimension + "D");
        }
        if (t.size() < options.minimumLength()) {
            throw new TrackTooShortException(t.id(), t.size(), options.minimumLength(), "model '" + name + "'");
        }
    }

    /** Runs one batch of equal-length tracks. */
    private List<Segmentation> run(List<Trajectory> batch) {
        int b = batch.size();
        int n = batch.get(0).size();
        float[] data = new float[b * n * dimension];
        int p = 0;
        for (Trajectory t : batch) {
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < dimension; a++) {
                    data[p++] = (float) (t.coordinate(i, a) - t.coordinate(0, a));
                }
            }
        }
        float[] probs = new float[b * n * 4];
        lock.readLock().lock();
        try {
            if (closed) {
                throw new DeepSptException("segmenter '" + name + "' is closed");
            }
            try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(data),
                    new long[] {b, n, dimension});
                    OrtSession.Result result = session.run(Map.of(inputName, input))) {
                OnnxValue v = result.get(0);
                if (!(v instanceof OnnxTensor t)) {
                    throw new DeepSptException("model '" + name + "' returned a non-tensor output");
                }
                long[] shape = ((TensorInfo) t.getInfo()).getShape();
                if (shape.length != 3 || shape[0] != b || shape[1] != n || shape[2] != 4) {
                    throw new DeepSptException("model '" + name + "' returned shape " + Arrays.toString(shape)
                            + " for input [" + b + ", " + n + ", " + dimension + "]");
                }
                t.getFloatBuffer().get(probs);
            }
        } catch (OrtException e) {
            throw new DeepSptException("model '" + name + "' failed on a batch of " + b + " tracks of length " + n
                    + " (first: '" + batch.get(0).id() + "'): " + e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
        List<Segmentation> out = new ArrayList<>(b);
        double[] row = new double[4 * n];
        for (int k = 0; k < b; k++) {
            Trajectory t = batch.get(k);
            int base = k * n * 4;
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int c = 0; c < 4; c++) {
                    sum += probs[base + 4 * i + c];
                }
                for (int c = 0; c < 4; c++) {
                    row[4 * i + c] = probs[base + 4 * i + c] / sum;
                }
            }
            out.add(Segmentation.ofFlat(t.id(), t.frames(), row));
        }
        return out;
    }

    /** Waits for runs in flight, then frees the native session. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                closeQuietly(session);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
