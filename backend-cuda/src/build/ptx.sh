#!/usr/bin/env bash
# Regenerates the kernel module from src/main/cuda with nvcc and compares it with the PTX
# committed under src/main/resources, which is what the jar ships (so that users need no CUDA
# toolkit). Run by Maven in generate-resources; without nvcc it only says so.
#
# Usage: ptx.sh <module dir> <work dir> check|update
#   check   fail when the committed PTX differs from nvcc's output (the default)
#   update  write nvcc's output over the committed PTX
#           (mvn -pl backend-cuda generate-resources -Drnn4j.ptx=update)
set -euo pipefail
module="$1"
work="$2"
mode="${3:-check}"
committed="$module/src/main/resources/org/rnn4j/backend/cuda/rnn4j_kernels.ptx"
source="$module/src/main/cuda/rnn4j_kernels.cu"

if ! command -v nvcc >/dev/null 2>&1; then
    echo "backend-cuda: nvcc not found; using the committed PTX $committed"
    exit 0
fi
mkdir -p "$work"
# compute_75 (Turing) is the oldest target of CUDA 13; newer GPUs JIT-compile the same PTX.
nvcc -ptx -arch=compute_75 -o "$work/rnn4j_kernels.ptx" "$source"
case "$mode" in
    update)
        cp "$work/rnn4j_kernels.ptx" "$committed"
        echo "backend-cuda: wrote $committed"
        ;;
    check)
        if ! cmp -s "$work/rnn4j_kernels.ptx" "$committed"; then
            echo "backend-cuda: the committed PTX differs from what nvcc ($(nvcc --version | grep -o "release [0-9.]*")) makes of src/main/cuda." >&2
            echo "  After changing the kernels, regenerate it: mvn -pl backend-cuda generate-resources -Drnn4j.ptx=update" >&2
            diff "$committed" "$work/rnn4j_kernels.ptx" | head -20 >&2 || true
            exit 1
        fi
        echo "backend-cuda: committed PTX matches nvcc's output"
        ;;
    *)
        echo "backend-cuda: unknown mode '$mode' (check or update)" >&2
        exit 2
        ;;
esac
