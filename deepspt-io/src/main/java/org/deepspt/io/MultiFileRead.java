package org.deepspt.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;

/**
 * Several track files read as one data set (e.g. one file per field of view), without merging tracks of
 * different files: a track id that occurs in one file only is kept; an id that occurs in two or more files is
 * qualified by the file's name in all of them ({@code fov01.xml:Track_3}), and so are the ids of its pieces,
 * of its issues and its input id ({@link ReadResult#inputId(String)} of a piece {@code fov01.xml:Track_3.1} is
 * {@code fov01.xml:Track_3}). Every trajectory's {@link TrackSource#file()} names its file.
 *
 * <p>The files must agree on the dimension (2D/3D) and on whether they are calibrated (µm) or not (px);
 * otherwise an {@link InputFormatException} names both files. Immutable.
 *
 * @param merged the trajectories and issues of all files, in file order then the order of each file; its
 *     calibration is the files' shared one (or says "per file" where they differ) with every file's
 *     {@link Calibration#warnings()}, each after its file's name when there are several
 * @param fileNames the name each file is known by in ids and {@code file} columns: its file name, or its path
 *     when two files share a name (unmodifiable)
 * @param calibrations the units applied to each file, in file order (unmodifiable)
 * @param qualifiedIds the input ids that occur in more than one file and were qualified (unmodifiable, sorted)
 */
public record MultiFileRead(ReadResult merged, List<String> fileNames, List<Calibration> calibrations,
        Set<String> qualifiedIds) {

    /** Copies the collections. */
    public MultiFileRead {
        Objects.requireNonNull(merged, "merged");
        fileNames = List.copyOf(fileNames);
        calibrations = List.copyOf(calibrations);
        qualifiedIds = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(qualifiedIds));
    }

    /**
     * Reads the files with the same options (see {@link TrackReaders#read(Path, ReadOptions)}) and merges them.
     * One file gives its result as it is (no file name recorded, no id changed).
     *
     * @param files the files, at least one
     * @param options reading options
     * @return the merged result
     * @throws InputFormatException when a file cannot be read, or the files disagree on dimension or units
     */
    public static MultiFileRead read(List<Path> files, ReadOptions options) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no input file");
        }
        List<ReadResult> results = new ArrayList<>(files.size());
        for (Path f : files) {
            results.add(TrackReaders.read(f, options));
        }
        return merge(files, results);
    }

    /**
     * Merges results read from the given files.
     *
     * @param files the files, in the order of {@code results}
     * @param results what each file gave
     * @return the merged result
     */
    static MultiFileRead merge(List<Path> files, List<ReadResult> results) {
        List<Calibration> cals = results.stream().map(ReadResult::calibration).toList();
        if (files.size() == 1) {
            return new MultiFileRead(results.get(0), List.of(files.get(0).getFileName().toString()), cals, Set.of());
        }
        List<String> names = names(files);
        int dim = 0;
        int dimFile = -1;
        int unitFile = -1;
        for (int f = 0; f < results.size(); f++) {
            ReadResult r = results.get(f);
            if (!r.trajectories().isEmpty()) {
                if (dim == 0) {
                    dim = r.dimension();
                    dimFile = f;
                } else if (r.dimension() != dim) {
                    throw new InputFormatException(files.get(f).toString(), 0, null, "has " + r.dimension()
                            + "D tracks but " + files.get(dimFile) + " has " + dim + "D tracks; read 2D and 3D "
                            + "files separately");
                }
            }
            if (unitFile < 0) {
                unitFile = f;
            } else if (r.calibration().uncalibrated() != results.get(unitFile).calibration().uncalibrated()) {
                int px = r.calibration().uncalibrated() ? f : unitFile;
                int um = px == f ? unitFile : f;
                throw new InputFormatException(files.get(px).toString(), 0, "spatial unit", "is uncalibrated "
                        + "(pixels of unknown size) but " + files.get(um) + " is in µm; give the pixel size ("
                        + ReadTerm.PIXEL_SIZE + ") or read them separately");
            }
        }
        // input ids (and the pseudo ids of summary notes) of each file
        Map<String, Integer> filesWithId = new HashMap<>();
        for (ReadResult r : results) {
            Set<String> ids = new HashSet<>();
            for (Trajectory t : r.trajectories()) {
                ids.add(r.inputId(t.id()));
            }
            for (TrackIssue i : r.issues()) {
                ids.add(i.trackId());
            }
            for (String id : ids) {
                filesWithId.merge(id, 1, Integer::sum);
            }
        }
        Set<String> qualified = new LinkedHashSet<>();
        filesWithId.forEach((id, n) -> {
            if (n > 1) {
                qualified.add(id);
            }
        });
        List<Trajectory> out = new ArrayList<>();
        List<TrackIssue> issues = new ArrayList<>();
        Map<String, String> inputIds = new HashMap<>();
        Map<String, TrackSource> sources = new HashMap<>();
        Set<String> emitted = new HashSet<>();
        for (int f = 0; f < results.size(); f++) {
            ReadResult r = results.get(f);
            String name = names.get(f);
            for (Trajectory t : r.trajectories()) {
                String in = r.inputId(t.id());
                String id = qualified.contains(in) ? name + ":" + t.id() : t.id();
                if (emitted.contains(id) && !id.startsWith(name + ":")) {
                    id = name + ":" + t.id();   // a piece id of this file equals a track id of another file
                }
                String unique = id;
                for (int k = 2; emitted.contains(unique); k++) {
                    unique = id + "~" + k;
                }
                emitted.add(unique);
                out.add(unique.equals(t.id()) ? t : t.withId(unique));
                // the input track as the outputs name it: qualified like its pieces and issues, so that tracks of
                // the same id in two files stay two tracks (labels, cross-validation groups)
                String input = qualified.contains(in) ? name + ":" + in : in;
                if (!unique.equals(input)) {
                    inputIds.put(unique, input);
                }
                sources.put(unique, r.source(t.id()).withFile(name));
            }
            for (TrackIssue i : r.issues()) {
                String id = i.trackId();
                if (qualified.contains(id) || id.startsWith("(")) {
                    id = name + ":" + id;
                }
                // the detail names the track and its pieces as quoted ids ('gap', 'gap.1'): qualified as the outputs
                issues.add(id.equals(i.trackId()) ? i : i.withTrackId(id).withDetail(i.detail()
                        .replace("'" + i.trackId() + "'", "'" + id + "'")
                        .replace("'" + i.trackId() + ".", "'" + id + ".")));
            }
        }
        return new MultiFileRead(new ReadResult(out, issues, combined(names, cals), inputIds, sources), names, cals,
                qualified);
    }

    /** File names, or the paths where two files share a name. */
    private static List<String> names(List<Path> files) {
        Map<String, Integer> count = new HashMap<>();
        for (Path p : files) {
            count.merge(p.getFileName().toString(), 1, Integer::sum);
        }
        List<String> names = new ArrayList<>(files.size());
        Set<String> seen = new HashSet<>();
        for (Path p : files) {
            String n = p.getFileName().toString();
            String name = count.get(n) > 1 ? p.toString().replace('\\', '/') : n;
            if (!seen.add(name)) {
                throw new IllegalArgumentException("file " + p + " is given twice");
            }
            names.add(name);
        }
        return names;
    }

    private static Calibration combined(List<String> names, List<Calibration> cals) {
        Map<String, List<String>> spatial = new LinkedHashMap<>();
        Map<String, List<String>> interval = new LinkedHashMap<>();
        for (int i = 0; i < cals.size(); i++) {
            Calibration c = cals.get(i);
            spatial.computeIfAbsent(c.spatial() + " (" + c.spatialSource() + ")", k -> new ArrayList<>())
                    .add(names.get(i));
            interval.computeIfAbsent(String.format(Locale.ROOT, "%.6g", c.frameInterval()) + " s ("
                    + c.frameIntervalSource() + ")", k -> new ArrayList<>()).add(names.get(i));
        }
        Calibration first = cals.get(0);
        // every file's warnings, each after its file's name when there are several (a library caller of merged()
        // sees them all; the CLI prints each file's own calibration's, not these)
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < cals.size(); i++) {
            String prefix = cals.size() > 1 ? names.get(i) + ": " : "";
            cals.get(i).warnings().forEach(w -> warnings.add(prefix + w));
        }
        if (spatial.size() == 1 && interval.size() == 1) {
            return new Calibration(first.spatial(), first.spatialSource(), first.frameInterval(),
                    first.frameIntervalSource(), first.lengthUnit(), warnings);
        }
        String sp = spatial.size() == 1 ? first.spatial() : perFile(spatial);
        String spSource = spatial.size() == 1 ? first.spatialSource() : "per file";
        double dt = interval.size() == 1 ? first.frameInterval() : Double.NaN;
        String dtSource = interval.size() == 1 ? first.frameIntervalSource() : "per file: " + perFile(interval);
        return new Calibration(sp, spSource, dt, dtSource, first.lengthUnit(), warnings);
    }

    private static String perFile(Map<String, List<String>> groups) {
        StringBuilder sb = new StringBuilder();
        groups.forEach((what, files) -> sb.append(sb.length() == 0 ? "" : "; ").append(what).append(" for ")
                .append(files.size() > 3 ? files.size() + " files" : String.join(", ", files)));
        return sb.toString();
    }
}
