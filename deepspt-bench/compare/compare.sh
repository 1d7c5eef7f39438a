#!/usr/bin/env bash
# Side by side, one run: our Java path, Python onnxruntime, PyTorch (our architecture, trained weights), the
# paper's 2D architecture, and the machine's matrix-product peak. Prints tracks/s, ratios and % of peak.
#
#   deepspt-bench/compare/compare.sh [TRACKS] [REPEATS]      (defaults 600 and 3; about 5 minutes on 2 cores)
#
# Needs: deepspt-bench/target/benchmarks.jar (mvn -B -q -pl deepspt-bench package), python3 with numpy, onnx and
# torch (Debian: python3-numpy python3-onnx python3-torch). Python onnxruntime is not packaged by Debian: the script
# uses it when the interpreter imports it, else it tries a virtual environment ($DEEPSPT_BENCH_VENV, default
# ~/.cache/deepspt-bench-venv, with the system packages visible) and `pip install onnxruntime` from the index pip is
# configured with; when that fails it says so and times the rest.
# Environment: JAVA (default java), PYTHON (default /usr/bin/python3), BACKENDS (default onnx,jvm),
# MODELS (bundled 2D models, default unet,unet-fast,unet-int8: the ensemble, one member, that member in int8),
# WORK (default a new temporary directory), JAVA_OPTS (e.g. --add-modules jdk.incubator.vector), THREADS (thread
# counts of the Python rows, default 1,2; PyTorch with 2 threads is very slow on a busy machine).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JAR="$ROOT/deepspt-bench/target/benchmarks.jar"
TRACKS="${1:-600}"
REPEATS="${2:-3}"
JAVA="${JAVA:-java}"
PYTHON="${PYTHON:-/usr/bin/python3}"
BACKENDS="${BACKENDS:-onnx,jvm}"
MODELS="${MODELS:-unet,unet-fast,unet-int8}"
WORK="${WORK:-$(mktemp -d -t deepspt-compare-XXXXXX)}"
mkdir -p "$WORK"
VENV="${DEEPSPT_BENCH_VENV:-$HOME/.cache/deepspt-bench-venv}"

if [[ ! -f "$JAR" ]]; then
  echo "missing $JAR: run 'mvn -B -q -pl deepspt-bench package' first" >&2
  exit 2
fi

if ! "$PYTHON" -c 'import onnxruntime' 2>/dev/null; then
  if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c 'import onnxruntime' 2>/dev/null; then
    echo "# Python onnxruntime not importable by $PYTHON; trying a virtual environment in $VENV" >&2
    if "$PYTHON" -m venv --system-site-packages "$VENV" >&2 \
        && "$VENV/bin/pip" install -q onnxruntime >&2; then
      :
    else
      echo "# Python onnxruntime could not be installed (not packaged by Debian, pip index unreachable?)" >&2
    fi
  fi
  if [[ -x "$VENV/bin/python" ]] && "$VENV/bin/python" -c 'import onnxruntime' 2>/dev/null; then
    PYTHON="$VENV/bin/python"
  fi
fi

{
  echo "# date: $(date -u '+%Y-%m-%d %H:%M UTC'); host: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs;" \
    "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# java: $("$JAVA" -version 2>&1 | head -1) ${JAVA_OPTS:-}"
  echo "# python: $("$PYTHON" -c 'import sys, numpy, torch; print(sys.version.split()[0], "numpy", numpy.__version__, "torch", torch.__version__)')"
} | tee "$WORK/header.txt"

echo "# Java: $TRACKS tracks, $REPEATS timed passes per configuration (work directory $WORK)" >&2
# shellcheck disable=SC2086
"$JAVA" ${JAVA_OPTS:-} -Xmx2g -cp "$JAR" org.deepspt.bench.compare.JavaThroughput "$WORK" "$TRACKS" "$REPEATS" \
  "$BACKENDS" "$MODELS" | tee "$WORK/java.jsonl" >&2

"$PYTHON" "$HERE/compare.py" --work "$WORK" --repeats "$REPEATS" --threads "${THREADS:-1,2}" --models "$MODELS" \
  | tee "$WORK/table.md"
echo "# written: $WORK/table.md" >&2
