#!/usr/bin/env bash
# rnn4j's training-throughput harness: FMA peak, GEMM as a share of it, training and sampling
# characters per second, peak heap and RSS per configuration.
#
#   ./benchmarks/run-throughput.sh                                # everything (about 5 minutes)
#   ./benchmarks/run-throughput.sh --quick --configs seed,peak    # a smoke run
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./benchmarks/run-throughput.sh --tsv jdk25.tsv
#   ./benchmarks/run-throughput.sh --help
#
# Run it on a quiet machine (load average < 0.5): the harness uses every core.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-jar.sh"
# ParallelGC as the rnn4j launcher uses; the hot loop allocates nothing, so the collector matters
# only for start-up. Each configuration runs in a child JVM started with these same flags.
exec "$JAVA" @"$ROOT/simd.jvm.args" -XX:+UseParallelGC -Xss4m \
    -cp "$JAR" org.rnn4j.bench.Throughput "$@"
