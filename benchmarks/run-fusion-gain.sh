#!/usr/bin/env bash
# How much the backend's own sequence kernels gain over their per-step definitions, for one
# configuration of the throughput harness: both run alternately in one JVM, round after round
# (a ratio, not a speed; ./benchmarks/run-throughput.sh measures speed).
#
#   ./benchmarks/run-fusion-gain.sh sample-lstm-2x256
#   ./benchmarks/run-fusion-gain.sh lstm-2x256 --rounds 5
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-jar.sh"
exec "$JAVA" @"$ROOT/simd.jvm.args" -XX:+UseParallelGC -Xss4m \
    -cp "$JAR" org.rnn4j.bench.FusionGain "$@"
