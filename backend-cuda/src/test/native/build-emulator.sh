#!/usr/bin/env bash
# Compiles the CUDA kernels of src/main/cuda for the host, with cuda_emulation.h, into the JNI
# library the emulated-device tests load. Run by Maven (process-test-classes); needs g++ and the
# JDK's jni.h.  Usage: build-emulator.sh <module dir> <output dir> <java.home>
set -euo pipefail
module="$1"
out="$2"
java_home="$3"
if ! command -v g++ >/dev/null 2>&1; then
    echo "backend-cuda: g++ not found; the emulated-GPU tests need it (Debian: apt-get install g++)" >&2
    exit 1
fi
include="$java_home/include"
if [ ! -f "$include/jni.h" ]; then
    echo "backend-cuda: no jni.h under $include; use a full JDK (Debian: openjdk-17-jdk-headless)" >&2
    exit 1
fi
mkdir -p "$out"
# -ffp-contract=off: no fused multiply-adds beyond the explicit fmaf calls, so host results are
# the plain float arithmetic of the source; -O1 keeps the build quick on two cores.
g++ -std=c++17 -O1 -ffp-contract=off -fPIC -shared -Wall -Wno-unused-variable \
    -I"$module/src/test/native" -I"$module/src/main/cuda" -I"$include" -I"$include/linux" \
    -o "$out/librnn4j_cuda_emulator.so" "$module/src/test/native/emulator.cpp"
