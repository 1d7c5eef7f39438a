#!/usr/bin/env bash
# Quiet-machine benchmark run for issue 10 (session 2026-11-26 evening). Usage: run.sh OUTDIR
set -uo pipefail
OUT=${1:-/tmp/qb/out}; mkdir -p "$OUT"
NEW=/work/main/deepspt-cli/target/deepspt.jar
OLD=/tmp/deepspt-old.jar
BENCH=/work/main/deepspt-bench/target/benchmarks.jar
DATA=/tmp/perf/main2d.csv
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/log.txt"
# 1. CLI segment end to end, alternating
for r in 1 2; do
  for cfg in "old unet-fast" "new unet-fast" "new unet-int8" "old unet" "new unet"; do
    set -- $cfg; jar=$([ "$1" = old ] && echo $OLD || echo $NEW)
    /usr/bin/time -f "segment $1 $2 run $r: %e s wall %U user %S sys %M KB" java -jar "$jar" segment --model "$2" --threads 2 \
      --no-progress --in "$DATA" --out "$OUT/seg-$1-$2.csv" 2>&1 | tail -1 | tee -a "$OUT/log.txt"
  done
done
cmp "$OUT/seg-old-unet-fast.csv" "$OUT/seg-new-unet-fast.csv" && echo "fast: old and new outputs identical" | tee -a "$OUT/log.txt" \
  || echo "fast: outputs differ (graph rewrite: float rounding)" | tee -a "$OUT/log.txt"
rm -f "$OUT"/seg-*.csv
# 2. analyze on 5 M rows under -Xmx512m
for cfg in "old unet-fast" "new unet-int8" "new unet-fast"; do
  set -- $cfg; jar=$([ "$1" = old ] && echo $OLD || echo $NEW)
  rm -rf "$OUT/an"; /usr/bin/time -f "analyze 5M $1 $2: %e s wall %U user %M KB" java -Xmx512m -jar "$jar" analyze --model "$2" \
    --threads 2 --no-progress --in /tmp/perf/big5m.csv --out "$OUT/an" 2>&1 | tail -1 | tee -a "$OUT/log.txt"
done
rm -rf "$OUT/an"
# 3. JMH
java -jar "$BENCH" HotPathBenchmark -p backend=onnx,jvm \
  -p model=deepspt-unet-2d,deepspt-unet-2d-fast,deepspt-unet-2d-int8 -p length=200 -p batch=32 -p threads=1,2-batches \
  -jvmArgsPrepend "--add-modules jdk.incubator.vector" -f 1 -wi 1 -i 3 -w 2s -r 2s \
  -rf json -rff "$OUT/jmh-hot.json" > "$OUT/jmh.txt" 2>&1
java -jar "$BENCH" PipelineBenchmark -p backend=onnx -p model=unet,unet-fast,unet-int8 -p workers=1,2 \
  -jvmArgsPrepend "--add-modules jdk.incubator.vector" -f 1 -wi 1 -i 3 -w 2s -r 2s \
  -rf json -rff "$OUT/jmh-pipe.json" >> "$OUT/jmh.txt" 2>&1
grep -E "^(Benchmark|HotPath|Pipeline)" "$OUT/jmh.txt" >> "$OUT/log.txt"
echo "end $(date -u +%H:%M:%S)" | tee -a "$OUT/log.txt"
