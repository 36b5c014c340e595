#!/usr/bin/env bash
# The GPU checks of backend-cuda, run on the GPU machine from the repository root with
# .gpu-bundle/ beside it (made by backend-cuda/gpu/bundle.sh). Writes its logs and TSVs to $OUT
# (the device tool's output folder) or ./gpu-results:
#   tests.txt      the backend test kit and every PyTorch parity case on the GPU (and emulated)
#   rnn4j-gpu.tsv  the throughput harness on cuda: GEMM 4096^3 and the recurrent step, training
#   torch-gpu.tsv  the same configurations in PyTorch (cuDNN, cuBLAS; float32, TF32 off)
#   verdict.txt    rnn4j as a share of PyTorch, judged against issue #7's targets (compare.py)
# RNN4J_GPU_CONFIGS=gemm,lstm-2x512 narrows the configurations of both harnesses.
set -uo pipefail
bundle=.gpu-bundle
out="${OUT:-gpu-results}"
mkdir -p "$out"
java="$bundle/jre/bin/java"
data=cli/src/main/resources/corpus/tinyshakespeare.txt
configs="${RNN4J_GPU_CONFIGS:-gemm,lstm-2x512,lstm-2x256,gru-2x256,elman-2x256,seed,sample-lstm-2x256}"

nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv | tee "$out/gpu.txt"
ldconfig -p | grep -m1 'libcuda.so.1' | tee -a "$out/gpu.txt"

echo "== backend test kit and parity cases on the GPU"
timeout 150 "$java" -Drnn4j.cuda.emulator="$bundle/librnn4j_cuda_emulator.so" \
    -cp "$bundle/test-classes:$bundle/classes:$bundle/lib/*" org.junit.platform.console.ConsoleLauncher execute \
    --select-class org.rnn4j.backend.cuda.GpuContractTest \
    --select-class org.rnn4j.backend.cuda.ProbeTest \
    --select-class org.rnn4j.models.stack.PyTorchParityTest \
    --select-class org.rnn4j.models.stack.BidirectionalParityTest \
    --details=summary --disable-banner 2>&1 | tee "$out/tests.txt" | tail -25

echo "== rnn4j on cuda"
timeout 240 "$java" @simd.jvm.args -cp "$bundle/benchmarks.jar" org.rnn4j.bench.Throughput \
    --backend cuda --configs "$configs" --gemm gpu --data "$data" --tsv "$out/rnn4j-gpu.tsv" 2>&1 | tee "$out/rnn4j-gpu.txt"

echo "== PyTorch on cuda"
PYTHONUNBUFFERED=1 timeout 180 python3 benchmarks/pytorch/throughput.py --device cuda --configs "$configs" \
    --gemm gpu --data "$data" --tsv "$out/torch-gpu.tsv" 2>&1 | tee "$out/torch-gpu.txt"

echo "== rnn4j as a share of PyTorch on this GPU, against issue #7's targets"
python3 benchmarks/compare.py --device gpu "$out/rnn4j-gpu.tsv" "$out/torch-gpu.tsv" | tee "$out/verdict.txt"
