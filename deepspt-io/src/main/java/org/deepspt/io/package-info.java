/**
 * Reading and writing trajectory files.
 *
 * <h2>Reading</h2>
 * {@link org.deepspt.io.TrackReaders#read(java.nio.file.Path, org.deepspt.io.ReadOptions)} detects the
 * {@link org.deepspt.io.TrackFormat} from the content (XML root element or CSV header, checked against a
 * {@code .xml} extension) and returns a {@link org.deepspt.io.ReadResult}: the accepted
 * {@link org.deepspt.api.Trajectory trajectories} in order of first appearance in the file, and
 * {@link org.deepspt.api.TrackIssue issues}. <b>Every input track ends up either among the trajectories (under
 * its id or as pieces {@code <id>.k} / {@code <id>.bk}) or as a REJECTED issue under its input id.</b>
 * Issues always carry the id as written in the input; the detail names pieces, frames and lines.
 *
 * <p>Readers stream: CSV row by row (Apache Commons CSV), XML with StAX; only per-track primitive
 * buffers are held, so memory is about 20–30 bytes per point whatever the width of the file.
 *
 * <h3>Formats and columns</h3>
 * <ul>
 *   <li><b>DeepSPT / trackpy CSV</b>: columns {@code x, y, [z], particle, frame} in any order, matched
 *       case-insensitively; {@code particle} may also be called {@code track_id}, {@code trackid},
 *       {@code track}, {@code trajectory} or {@code traj} (a column called only {@code id} is <i>not</i> taken
 *       as the track id, because in TrackMate files it is the spot id: map it with
 *       {@code ReadOptions.column("particle", "id")}). An optional {@code state} (or {@code true_state})
 *       column with 0..3 becomes the true states; an optional {@code t}/{@code time} column (s) gives the frame
 *       interval. Other columns (mass, size, an unnamed index…) are ignored. Delimiter: comma, else tab,
 *       else semicolon, from the header line.</li>
 *   <li><b>Spot-On CSV</b>: {@code trajectory, frame, t, x, y} (µm, s).</li>
 *   <li><b>TrackMate spots CSV</b>: {@code TRACK_ID, POSITION_X, POSITION_Y, [POSITION_Z], [POSITION_T],
 *       FRAME}; up to three extra header rows after the key row (names, short names, units) are skipped when
 *       their POSITION_X field is not a number; a units row such as {@code (micron)} declares the spatial and
 *       time units. Spots whose TRACK_ID is empty, {@code ø}, {@code None}, {@code null} or {@code NaN}
 *       belong to no track: they are skipped and counted in one REJECTED note with track id
 *       {@code "(untracked spots)"}.</li>
 *   <li><b>TrackMate full XML</b>: spots from {@code AllSpots/SpotsInFrame/Spot} attributes, track graphs
 *       from {@code AllTracks/Track/Edge}; only tracks listed in {@code FilteredTracks} are read (all tracks
 *       when that element is absent); the others are named in one REJECTED note with track id
 *       {@code "(filtered-out tracks)"}. The track id is the Track's {@code name} (its {@code TRACK_ID} when
 *       unnamed; {@code name#TRACK_ID} if a name repeats). The frame interval is
 *       {@code Settings/ImageData@timeinterval} in {@code Model@timeunits}, else fitted from POSITION_T.</li>
 *   <li><b>TrackMate simple XML</b>: {@code Tracks@frameInterval/timeUnits/spaceUnits},
 *       {@code particle/detection@t,x,y,z} with {@code t} the frame index. Particles have no id in this
 *       format: they are numbered {@code "0"}, {@code "1"}, … in file order.</li>
 * </ul>
 * A UTF-8 byte-order mark and CRLF line ends are tolerated everywhere. {@code nan}, {@code inf},
 * {@code -inf} (any case) and an empty coordinate field are read as non-finite values.
 *
 * <h3>Policies</h3>
 * <ul>
 *   <li><b>Units.</b> Output positions are µm. Coordinates are multiplied by
 *       {@link org.deepspt.io.ReadOptions#pixelSize()} (µm/px, default 1) unless the file declares its spatial
 *       unit (TrackMate XML {@code spatialunits}, simple XML {@code spaceUnits}, TrackMate-CSV units row):
 *       then {@code pixel} uses the pixel size, {@code micron}/{@code µm}/{@code um} 1, {@code nm} 10⁻³,
 *       {@code mm} 10³; an unknown unit is an {@link org.deepspt.api.InputFormatException} naming it unless a
 *       pixel size is given ({@code ReadOptions.pixelSize}), which then converts the coordinates.</li>
 *   <li><b>Frame interval</b> (s): the {@link org.deepspt.io.ReadOptions#frameInterval()} override, else the
 *       file's value (TrackMate XML timeinterval, simple-XML frameInterval, or a least-squares fit of the time
 *       column t = t₀ + Δt·frame for Spot-On {@code t}, TrackMate-CSV {@code POSITION_T} and a DeepSPT
 *       {@code t} column), converted from the declared time unit (s, ms, min); else 1 s. A time unit of
 *       {@code frame} gives 1 s with a warning.</li>
 *   <li><b>Dimension.</b> A file is 3D only when it has a z column/attribute and some finite z is non-zero;
 *       otherwise 2D (TrackMate always writes POSITION_Z = 0 for 2D data). Mixed 2D/3D rows (z empty on some
 *       rows, or POSITION_Z/z attribute missing on some spots) are an
 *       {@link org.deepspt.api.InputFormatException} naming the line and the field.</li>
 *   <li><b>Order.</b> Points of a track need not be contiguous or sorted: they are sorted by frame (stable).
 *       Tracks are output in order of first appearance.</li>
 *   <li><b>Duplicate frames</b> in one track: the track is REJECTED ("duplicate frame F in track 'id'"); the
 *       rest of the file is read.</li>
 *   <li><b>Gaps</b> (missing frames inside a track), by {@link org.deepspt.io.GapPolicy}: SPLIT (default)
 *       into pieces {@code <id>.1}, {@code <id>.2}, … with one MODIFIED issue per piece naming the piece, its
 *       frames and the missing frames; INTERPOLATE linearly (states copied from the previous point; one
 *       MODIFIED issue listing the filled frames); REJECT (REJECTED, naming the missing frames).</li>
 *   <li><b>Branches</b> (TrackMate XML splits and merges: a spot with more than one successor or
 *       predecessor), by {@link org.deepspt.io.BranchPolicy}: PATHS (default) keeps every root-to-leaf path,
 *       LONGEST the longest one, SPLIT the maximal linear pieces; pieces and paths are named by TrackMate's
 *       lineage rule ({@code Track_0.a}, {@code .b}, {@code .ab}, {@code m} after a merge), each with a MODIFIED
 *       issue. Edges are oriented forward in frame; an edge between two spots of the same frame rejects the
 *       track; an edge listed twice (also reversed) links its two spots once (a MODIFIED note counts them). The
 *       gap policy then applies to each piece.</li>
 *   <li><b>NaN/∞/missing coordinates</b>, by {@link org.deepspt.io.NonFinitePolicy}: ERROR (default) throws
 *       InputFormatException naming the line (CSV, XML) or spot ID (XML) and the field; DROP_TRACK rejects the
 *       whole track (a whole TrackMate track, before branch splitting). A value that is not a number at all
 *       ({@code 1.2.3}, {@code abc}) is always an InputFormatException naming line and field, as is an
 *       unparseable or missing frame.</li>
 *   <li><b>Short tracks</b>: a track or piece with fewer than {@link org.deepspt.io.ReadOptions#minLength()}
 *       points (default 1) is REJECTED ("has 1 point; minimum is 2").</li>
 *   <li><b>File-level errors</b> (InputFormatException): empty file, header only, missing required column
 *       (the message names the column and the accepted alternatives), unknown format, malformed XML, and any
 *       XML with a DOCTYPE (refused outright: DTDs and external entities are disabled to stop XXE and
 *       entity-expansion attacks).</li>
 * </ul>
 *
 * <h3>Tables in memory</h3>
 * {@link org.deepspt.io.TrackAssembler} applies the same policies to localisations that are already in memory
 * (columns of a table, rows of a Spark partition): the same code runs, only the parsing differs. The caller may
 * fix the dimension when the rows are a part of a larger data set.
 *
 * <h2>Writing</h2>
 * {@link org.deepspt.io.TrajectoryCsvWriter} ({@code particle,frame,x,y[,z][,state]}, or with the true D and α
 * of simulated tracks {@code particle,frame,x,y[,z],true_D,true_alpha,state}, read back by
 * {@link org.deepspt.io.TrueMotionCsvReader} as {@link org.deepspt.api.TrueMotion}s),
 * {@link org.deepspt.io.SegmentationCsvWriter} ({@code particle,frame,state,p_normal,p_directed,p_confined,
 * p_subdiffusive}, read back by {@link org.deepspt.io.SegmentationCsvReader}) and
 * {@link org.deepspt.io.IssueReportWriter} ({@code particle,kind,detail}) stream UTF-8 CSV with {@code '\n'}
 * line ends, RFC 4180 quoting and numbers that parse back to the identical double. The trajectory CSV does
 * not store the frame interval: give it when reading back.
 */
@NullMarked
package org.deepspt.io;

import org.jspecify.annotations.NullMarked;
