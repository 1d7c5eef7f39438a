/**
 * Self-contained HTML reports of an analysis run: inline SVG charts, inline CSS, no scripts, fonts or
 * other external resources, so a report opens offline and can be mailed as one file. The page is
 * well-formed XHTML (it parses as XML); every user-supplied string (track ids, labels, file names,
 * reasons) is escaped.
 *
 * <ul>
 *   <li>{@link org.deepspt.report.HtmlReport}: accumulates {@link org.deepspt.pipeline.TrackResult}s and
 *       {@link org.deepspt.api.TrackIssue}s in one pass (bounded memory apart from a few numbers per track)
 *       and renders the page.</li>
 *   <li>{@link org.deepspt.report.SvgPlots}: the individual charts.</li>
 *   <li>{@link org.deepspt.report.Histogram}: fixed-bin histograms of feature values.</li>
 * </ul>
 */
@NullMarked
package org.deepspt.report;

import org.jspecify.annotations.NullMarked;
