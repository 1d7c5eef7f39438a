#!/usr/bin/env bash
# Builds the git-ignored .gpu/ folder that gpu-round3.sh needs on a GPU machine without Java: a jlinked Java 17
# runtime (.gpu/jre.tar.xz, ≈ 19 MB) and the class path of `deepspt export-training` without ONNX Runtime and
# the bundled models (.gpu/lib, ≈ 6 MB), small enough to travel with the working tree (64 MiB per device call).
# usage, from the repository root after `mvn -B -q -DskipTests install`: models/training/gpu-kit.sh
# Then, on the device: `JAVA_ARCHIVE=.gpu/jre.tar.xz DEEPSPT_CP="$PWD/.gpu/lib/*" bash models/training/gpu-round3.sh $OUT`
# with `.gpu` in the call's carry list (and `/.gpu/` in .git/info/exclude).
set -euo pipefail
KIT=.gpu
rm -rf "$KIT" && mkdir -p "$KIT/lib"
grep -qx '/.gpu/' .git/info/exclude 2>/dev/null || { mkdir -p .git/info; echo '/.gpu/' >> .git/info/exclude; }
mvn -B -q -o dependency:build-classpath -pl deepspt-cli -Dmdep.outputFile="$PWD/$KIT/cp.txt" >/dev/null
# what export-training loads (checked by running it with this class path): deepspt, picocli, slf4j, jspecify,
# ejml, commons-{csv,lang3,math3,rng-*}, jackson-core
tr ':' '\n' < "$KIT/cp.txt" \
  | grep -E '/(deepspt-(api|core|jvm)|picocli|slf4j-(api|simple)|jspecify|ejml-(core|ddense)|commons-(csv|lang3|math3|rng-[a-z-]+)|jackson-core)-[0-9]' \
  | xargs -I{} cp {} "$KIT/lib/"
cp deepspt-cli/target/deepspt-cli-*-SNAPSHOT.jar "$KIT/lib/" 2>/dev/null || cp deepspt-cli/target/deepspt-cli-*.jar "$KIT/lib/"
rm -f "$KIT"/lib/*-sources.jar "$KIT"/lib/*-javadoc.jar "$KIT/cp.txt"
jlink --add-modules java.base,java.xml,java.logging,jdk.unsupported --strip-debug --no-header-files \
      --no-man-pages --compress=2 --output "$KIT/jre"
tar -C "$KIT/jre" -cJf "$KIT/jre.tar.xz" . && rm -rf "$KIT/jre"
mkdir -p "$KIT/check" && tar -C "$KIT/check" -xJf "$KIT/jre.tar.xz"
"$KIT/check/bin/java" -cp "$KIT/lib/*" org.deepspt.cli.Main export-training --dim 2 --tracks 10 --seed 1 \
    --out "$KIT/check/set" > /dev/null
rm -rf "$KIT/check"
du -sh "$KIT/jre.tar.xz" "$KIT/lib"
