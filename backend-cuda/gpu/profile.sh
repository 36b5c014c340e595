#!/usr/bin/env bash
# A flight recording of one throughput configuration on the CUDA backend, for the questions the
# host emulator cannot answer (where the driver path allocates, where host time goes between
# kernel launches). Run on the GPU machine from the repository root with .gpu-bundle/ beside it
# (backend-cuda/gpu/bundle.sh), after or instead of run.sh:
#
#   bash backend-cuda/gpu/profile.sh [CONFIG ...]    # default: sample-lstm-2x256
#
# Writes to $OUT (or ./gpu-results), per configuration: CONFIG.jfr (JFR's "profile" settings),
# CONFIG.txt (the harness's output), CONFIG-alloc.txt / -cpu.txt / -native.txt (the allocation,
# Java execution and native-method samples, printed with their stacks, for reading on a machine
# without the recording's JDK) and CONFIG-summary.txt (jfr_summary.py: where the allocation went,
# Java against native time, the hottest frames).
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
    "$jfr" print --events jdk.NativeMethodSample --stack-depth 24 "$out/$config.jfr" >"$out/$config-native.txt"
    python3 backend-cuda/gpu/jfr_summary.py "$out/$config-alloc.txt" "$out/$config-cpu.txt" \
        "$out/$config-native.txt" | tee "$out/$config-summary.txt"
done
