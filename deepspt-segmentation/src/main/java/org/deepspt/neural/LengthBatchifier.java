package org.deepspt.neural;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepspt.api.Trajectory;

/**
 * Groups tracks into batches of equal length, so that no batch needs padding (the model's in-graph scale is
 * a statistic of the whole track, which padding would change).
 *
 * <p>Batches hold at most {@code maxBatchSize} tracks and at most {@code maxFrames} points in all (a single
 * longer track still forms a batch of its own). Groups come in order of first appearance; within a group,
 * input order is kept. Stateless and thread-safe.
 */
public final class LengthBatchifier {
    private final int maxBatchSize;
    private final long maxFrames;

    private LengthBatchifier(int maxBatchSize, long maxFrames) {
        this.maxBatchSize = maxBatchSize;
        this.maxFrames = maxFrames;
    }

    /**
     * @param maxBatchSize most tracks per batch, ≥ 1
     * @param maxFrames most points per batch (tracks × length), ≥ 1
     * @return the batchifier
     */
    public static LengthBatchifier of(int maxBatchSize, long maxFrames) {
        if (maxBatchSize < 1 || maxFrames < 1) {
            throw new IllegalArgumentException("maxBatchSize and maxFrames must be >= 1, got " + maxBatchSize
                    + " and " + maxFrames);
        }
        return new LengthBatchifier(maxBatchSize, maxFrames);
    }

    /** @return most tracks per batch */
    public int maxBatchSize() {
        return maxBatchSize;
    }

    /**
     * @param tracks the tracks
     * @return batches of indices into {@code tracks}; every index appears exactly once (unmodifiable)
     */
    public List<int[]> batches(List<Trajectory> tracks) {
        Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
        for (int i = 0; i < tracks.size(); i++) {
            byLength.computeIfAbsent(tracks.get(i).size(), k -> new ArrayList<>()).add(i);
        }
        List<int[]> out = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> e : byLength.entrySet()) {
            int length = e.getKey();
            int perBatch = (int) Math.max(1, Math.min(maxBatchSize, maxFrames / Math.max(1, length)));
            List<Integer> idx = e.getValue();
            for (int from = 0; from < idx.size(); from += perBatch) {
                int to = Math.min(idx.size(), from + perBatch);
                int[] b = new int[to - from];
                for (int k = from; k < to; k++) {
                    b[k - from] = idx.get(k);
                }
                out.add(b);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
