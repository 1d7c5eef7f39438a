/**
 * Simulation of labelled single-particle trajectories following the published DeepSPT protocol
 * (Kæstel-Hansen et al., Nat. Methods 2025, doi:10.1038/s41592-025-02665-8): normal (Brownian), directed,
 * confined and subdiffusive (fractional Brownian) motion, single-state and heterogeneous tracks with
 * per-point true states and Gaussian localisation noise.
 *
 * <p>Entry points: {@link org.deepspt.sim.SimulationConfig} (parameters, defaults = the paper),
 * {@link org.deepspt.sim.Simulator} (deterministic per-track generation from (seed, index)),
 * {@link org.deepspt.sim.SegmentGenerator} (per-state path generators for custom populations),
 * {@link org.deepspt.sim.FractionalGaussianNoise} (exact Davies–Harte fGn).
 *
 * <p>Units: positions µm, time s, diffusion coefficients µm²/s, speeds µm/s, lengths in points.
 */
@NullMarked
package org.deepspt.sim;

import org.jspecify.annotations.NullMarked;
