#!/usr/bin/env bash
# Where one configuration of the throughput harness spends its time, backend operation by
# operation, per training step or per sampled character (a profile, not a speed measurement:
# ./benchmarks/run-throughput.sh measures speed).
#
#   ./benchmarks/run-profile.sh lstm-2x256
#   ./benchmarks/run-profile.sh sample-lstm-2x256
#   ./benchmarks/run-profile.sh elman-2x256 --backend cpu-reference
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-jar.sh"
exec "$JAVA" @"$ROOT/simd.jvm.args" -XX:+UseParallelGC -Xss4m \
    -cp "$JAR" org.rnn4j.bench.StepProfile "$@"
