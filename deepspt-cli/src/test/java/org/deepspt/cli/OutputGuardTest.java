package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs never overwrite inputs or each other (hardening issue, item 4). */
class OutputGuardTest {
    @TempDir
    Path dir;

    @Test
    void outputsThatResolveToAnInputOrToEachOtherAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("a/b"));
        Path in = sub.resolve("X.csv");
        assertEquals(0, run("simulate", "--tracks", "3", "--length", "30", "--seed", "1", "--out", in.toString())
                .code());
        byte[] original = Files.readAllBytes(in);
        String alias = sub.resolve("../b/./X.csv").toString();
        String[][] cases = {
            {"segment", "--in", in.toString(), "--out", in.toString(), "--model", "rolling-msd"},
            {"segment", "--in", in.toString(), "--out", alias, "--model", "rolling-msd"},
            {"fingerprint", "--in", in.toString(), "--out", alias, "--model", "rolling-msd"},
            {"msd", "--in", in.toString(), "--out", alias},
            {"segment", "--in", in.toString(), "--out", dir.resolve("o.csv").toString(), "--errors", alias,
                "--model", "rolling-msd"},
            {"segment", "--in", in.toString(), "--out", dir.resolve("o.csv").toString(), "--errors",
                dir.resolve("o.csv").toString(), "--model", "rolling-msd"},
            // --segments is an output too: not the input, not --out, not the error report
            {"segment", "--in", in.toString(), "--out", dir.resolve("o.csv").toString(), "--segments", alias,
                "--model", "rolling-msd"},
            {"segment", "--in", in.toString(), "--out", dir.resolve("o.csv").toString(), "--segments",
                dir.resolve("o.csv").toString(), "--model", "rolling-msd"},
            {"segment", "--in", in.toString(), "--out", dir.resolve("o.csv").toString(), "--segments",
                dir.resolve("o.csv.errors.csv").toString(), "--model", "rolling-msd"},
        };
        for (String[] c : cases) {
            CliRun r = run(c);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.err().contains("would overwrite the input") || r.err().contains("are the same file"),
                    r.err());
            assertArrayEquals(original, Files.readAllBytes(in), String.join(" ", c));
        }
        assertTrue(!Files.exists(dir.resolve("o.csv")));
        // analyze --out DIR where the input is DIR/segmentation.csv
        Path seg = sub.resolve("segmentation.csv");
        Files.copy(in, seg);
        CliRun r = run("analyze", "--in", seg.toString(), "--out", sub.toString(), "--model", "rolling-msd");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("segmentation.csv") && r.err().contains("would overwrite"), r.err());
        // An output in a folder that cannot be written is refused up front, with the reason.
        CliRun ro = run("segment", "--in", in.toString(), "--out", "/proc/x.csv", "--model", "rolling-msd");
        assertEquals(2, ro.code(), ro.err());
        assertTrue(ro.err().contains("/proc") && ro.err().contains("not writable"), ro.err());
        // --segments naming a folder is refused up front (it used to fail at commit, after --out was replaced)
        CliRun folder = run("segment", "--in", in.toString(), "--out", dir.resolve("o2.csv").toString(),
                "--segments", sub.toString(), "--model", "rolling-msd");
        assertEquals(2, folder.code(), folder.err());
        assertTrue(folder.err().contains("it is a folder"), folder.err());
        assertTrue(!Files.exists(dir.resolve("o2.csv")));
        // Distinct files are fine.
        assertEquals(0, run("segment", "--in", in.toString(), "--out", dir.resolve("fine.csv").toString(),
                "--model", "rolling-msd", "--no-progress").code());
    }

    @Test
    void aFailedRunLeavesThePreviousOutputsAsTheyWereAndNoTemporaryFiles() throws Exception {
        Path in = dir.resolve("in.csv");
        assertEquals(0, run("simulate", "--tracks", "5", "--length", "40", "--seed", "2", "--out", in.toString())
                .code());
        Path outDir = Files.createDirectories(dir.resolve("out"));
        Path out = outDir.resolve("seg.csv");
        for (String command : new String[] {"segment", "fingerprint"}) {
            assertEquals(0, run(command, "--in", in.toString(), "--out", out.toString(), "--model", "rolling-msd",
                    "--no-progress").code());
            byte[] before = Files.readAllBytes(out);
            byte[] reportBefore = Files.readAllBytes(outDir.resolve("seg.csv.errors.csv"));
            CliRun failed = run(command, "--in", in.toString(), "--out", out.toString(), "--backend", "failing",
                    "--no-progress");
            assertEquals(1, failed.code(), failed.err());
            assertArrayEquals(before, Files.readAllBytes(out), command);
            assertArrayEquals(reportBefore, Files.readAllBytes(outDir.resolve("seg.csv.errors.csv")), command);
            try (var files = Files.list(outDir)) {
                assertEquals(java.util.Set.of("seg.csv", "seg.csv.errors.csv"),
                        files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
            }
        }
    }

    @Test
    void anUnwritableOutIsAUsageErrorNamingTheOptionAndTheReason() throws Exception {
        Path in = dir.resolve("in.csv");
        assertEquals(0, run("simulate", "--tracks", "2", "--length", "30", "--seed", "3", "--out", in.toString())
                .code());
        Path folder = Files.createDirectories(dir.resolve("folder.csv"));
        String[][] cases = {
            {"--out /proc/x.csv", "folder /proc is not writable (it does not accept new files)", "segment", "--in",
                in.toString(), "--out", "/proc/x.csv", "--model", "rolling-msd"},
            {"--out /proc/new/x.csv", "folder /proc is not writable", "msd", "--in", in.toString(), "--out",
                "/proc/new/x.csv"},
            {"--out " + in.resolve("x.csv"), in + " is a file, not a folder", "segment", "--in", in.toString(),
                "--out", in.resolve("x.csv").toString(), "--model", "rolling-msd"},
            {"--out " + in.resolve("sub/x.csv"), in + " is a file, not a folder", "msd", "--in", in.toString(),
                "--out", in.resolve("sub/x.csv").toString()},
            {"--out " + folder, "it is a folder", "msd", "--in", in.toString(), "--out", folder.toString()},
            {"--out " + in, in + " is a file, not a folder", "analyze", "--in", dir.resolve("missing.csv")
                .toString(), "--out", in.toString(), "--model", "rolling-msd"},
            {"--errors " + in.resolve("e.csv"), in + " is a file, not a folder", "msd", "--in", in.toString(),
                "--out", dir.resolve("ok.csv").toString(), "--errors", in.resolve("e.csv").toString()},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 2, c.length);
            CliRun r = run(args);
            String context = String.join(" ", args) + ": " + r.err();
            assertEquals(2, r.code(), context);
            assertEquals(1, r.err().lines().count(), context);
            assertTrue(r.err().startsWith("deepspt " + args[0] + ": usage error: cannot write " + c[0]), context);
            assertTrue(r.err().contains(c[1]), context);
            assertTrue(!r.err().contains("Exception") && !r.err().contains("no such file"), context);
        }
        assertTrue(!Files.exists(dir.resolve("ok.csv")));
        // A folder that does not exist yet but can be created is fine.
        assertEquals(0, run("msd", "--in", in.toString(), "--out", dir.resolve("new/sub/x.csv").toString()).code());
        assertTrue(Files.isRegularFile(dir.resolve("new/sub/x.csv")));
    }
}
