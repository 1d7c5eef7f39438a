package org.deepspt.classify;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Random over-sampling of minority classes: every class is brought to the size of the largest one by
 * drawing extra rows of that class uniformly with replacement (seeded, XO_RO_SHI_RO_128_PP).
 */
final class Oversampling {
    private Oversampling() {
    }

    /**
     * @param y class of each row, 0..k−1
     * @param k number of classes
     * @param seed random seed
     * @return row indices: 0..n−1 in order, then the extra draws class by class (length k·max count)
     */
    static int[] balance(int[] y, int k, long seed) {
        int[] count = new int[k];
        for (int c : y) {
            count[c]++;
        }
        int max = Arrays.stream(count).max().orElse(0);
        int[][] members = new int[k][];
        for (int c = 0; c < k; c++) {
            members[c] = new int[count[c]];
        }
        int[] fill = new int[k];
        for (int i = 0; i < y.length; i++) {
            members[y[i]][fill[y[i]]++] = i;
        }
        int total = y.length;
        for (int c = 0; c < k; c++) {
            if (count[c] > 0) {
                total += max - count[c];
            }
        }
        int[] out = Arrays.copyOf(java.util.stream.IntStream.range(0, y.length).toArray(), total);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int pos = y.length;
        for (int c = 0; c < k; c++) {
            if (count[c] == 0) {
                continue;
            }
            for (int e = count[c]; e < max; e++) {
                out[pos++] = members[c][rng.nextInt(count[c])];
            }
        }
        return out;
    }
}
