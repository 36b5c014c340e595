#!/usr/bin/env bash
# The JMH micro-benchmarks (GEMM, fused LSTM/GRU steps, softmax cross-entropy). Arguments go to
# JMH: a benchmark regex, -p name=value, -f/-wi/-i, -rf json -rff file, -l to list, -h for help.
#
#   ./benchmarks/run-jmh.sh -l
#   ./benchmarks/run-jmh.sh GemmBenchmark -p shape=2048x2048x2048 -p layout=NN
#   ./benchmarks/run-jmh.sh RecurrentStepBenchmark -p batch=64
#   ./benchmarks/run-jmh.sh SoftmaxCrossEntropy
#
# The whole suite (no arguments) takes about 25 minutes. JMH starts each benchmark JVM with this
# JVM's options (simd.jvm.args: the Vector API module and the JIT setting) and the @Fork
# annotations' own; this JVM also needs the module for the class loading JMH does before forking.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-jar.sh"
exec "$JAVA" @"$ROOT/simd.jvm.args" -jar "$JAR" "$@"
