/**
 * The ImageJ 1.x / Fiji plugin "DeepSPT Analyze Tracks" (Plugins › DeepSPT): {@link AnalyzeTracksPlugin} (dialog,
 * progress, tables, overlay), {@link TrackAnalysis} (the analysis and its files, without ImageJ).
 */
@NullMarked
package org.deepspt.fiji;

import org.jspecify.annotations.NullMarked;
