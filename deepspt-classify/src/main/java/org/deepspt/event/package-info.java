/**
 * Event timing (for example virus uncoating): the frame at which a track switches from one behaviour to
 * another.
 *
 * <ul>
 *   <li>{@link org.deepspt.event.ChangePoints}: the event read off a segmentation (start of the last
 *       segment, as in DeepSPT, or the first change point).</li>
 *   <li>{@link org.deepspt.event.EventTimingTrainer} → {@link org.deepspt.event.EventTimingModel}: a
 *       per-frame before/after logistic regression over the time-resolved fingerprint, decoded into one
 *       event per track.</li>
 *   <li>{@link org.deepspt.event.EventMetrics}: median/mean absolute frame error, MSE, per-track
 *       accuracy within k frames and R² of predicted vs true event frames.</li>
 * </ul>
 */
@NullMarked
package org.deepspt.event;

import org.jspecify.annotations.NullMarked;
