#!/usr/bin/env bash
# The JMH micro-benchmarks (GEMM, fused LSTM/GRU steps, softmax cross-entropy). Arguments go to
# JMH: a benchmark regex, -p name=value, -f/-wi/-i, -rf json -rff file, -l to list, -h for help.
#
#   ./benchmarks/run-jmh.sh -l
#   ./benchmarks/run-jmh.sh GemmBenchmark -p shape=2048x2048x2048 -p layout=NN
#   ./benchmarks/run-jmh.sh RecurrentStepBenchmark -p batch=64
#   ./benchmarks/run-jmh.sh SoftmaxCrossEntropy
#
# The whole suite (no arguments) takes about 25 minutes. The forked benchmark JVMs get
# --add-modules jdk.incubator.vector from @Fork(jvmArgsAppend); this JVM needs it for the
# class loading JMH does before forking.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-jar.sh"
exec "$JAVA" --add-modules jdk.incubator.vector -jar "$JAR" "$@"
