/**
 * Evaluation of predicted segmentations against true per-frame states: confusion matrices, accuracy and
 * macro-F1 in the 4-, 3- and 2-class merges of the DeepSPT paper, per-track and track-level accuracy,
 * and change-point errors; the AnDi-2 challenge metrics.
 *
 * <ul>
 *   <li>{@link org.deepspt.eval.ClassMerge}: the three class merges (4: ND/DM/CD/SD; 3: CD merged into
 *       SD; 2: free {ND, DM} vs restricted {CD, SD}).</li>
 *   <li>{@link org.deepspt.eval.ConfusionMatrix}: a k-class count matrix with accuracy, precision,
 *       recall, F1 and macro-F1.</li>
 *   <li>{@link org.deepspt.eval.SegmentationEvaluation}: the full report over a data set.</li>
 *   <li>{@link org.deepspt.eval.Andi2Metrics}: the AnDi-2 challenge's scores as its scoring code defines
 *       them: change-point Jaccard index and RMSE (pairs by {@link org.deepspt.eval.HungarianAssignment}
 *       within 10 frames, a TP for each track without change points on either side), micro-averaged state
 *       F1, and per-segment α MAE and D MSLE (segments paired by Jaccard).</li>
 * </ul>
 */
@NullMarked
package org.deepspt.eval;

import org.jspecify.annotations.NullMarked;
