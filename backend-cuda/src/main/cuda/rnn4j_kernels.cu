// All kernels of the rnn4j CUDA backend, compiled into one PTX module
// (src/main/resources/org/rnn4j/backend/cuda/rnn4j_kernels.ptx) by src/build/ptx.sh, and for the
// host by the tests' emulator (src/test/native). Only the driver API loads it: no cuBLAS, no
// NVRTC, no runtime library.
#include "common.cuh"
#include "gemm.cuh"
#include "pointwise.cuh"
#include "recurrent.cuh"
#include "loss.cuh"
#include "optim.cuh"
