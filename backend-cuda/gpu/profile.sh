#!/usr/bin/env bash
# A flight recording of one throughput configuration on the CUDA backend, for the questions the
# host emulator cannot answer (where the driver path allocates, where host time goes between
# kernel launches). Run on the GPU machine from the repository root with .gpu-bundle/ beside it
# (backend-cuda/gpu/bundle.sh), after or instead of run.sh:
#
#   bash backend-cuda/gpu/profile.sh [CONFIG ...]    # default: sample-lstm-2x256
#
# Writes to $OUT (or ./gpu-results), per configuration: CONFIG.jfr (JFR's "profile" settings),
# CONFIG.txt (the harness's output) and CONFIG-alloc.txt / CONFIG-cpu.txt (the allocation and
# execution samples, printed with their stacks, for reading on a machine without the recording's
# JDK).
set -uo pipefail
bundle=.gpu-bundle
out="${OUT:-gpu-results}"
mkdir -p "$out"
java="$bundle/jre/bin/java"
jfr="$bundle/jre/bin/jfr"
data=cli/src/main/resources/corpus/tinyshakespeare.txt
[ $# -gt 0 ] || set -- sample-lstm-2x256

for config in "$@"; do
    echo "== $config on cuda, recorded"
    # In-process: the harness would otherwise measure in a child JVM the recording does not see.
    timeout 150 "$java" @simd.jvm.args \
        -XX:StartFlightRecording=filename="$out/$config.jfr",settings=profile \
        -cp "$bundle/benchmarks.jar" org.rnn4j.bench.Throughput --in-process \
        --backend cuda --configs "$config" --data "$data" 2>&1 | tee "$out/$config.txt"
    "$jfr" print --events jdk.ObjectAllocationSample --stack-depth 24 "$out/$config.jfr" >"$out/$config-alloc.txt"
    "$jfr" print --events jdk.ExecutionSample --stack-depth 24 "$out/$config.jfr" >"$out/$config-cpu.txt"
    "$jfr" summary "$out/$config.jfr" | head -40
done
