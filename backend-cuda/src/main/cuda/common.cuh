// Shared definitions of the rnn4j CUDA kernels.
//
// Every kernel is declared with RNN4J_KERNEL(name, parameters...): on the GPU that is an
// extern "C" __global__ function, so the driver finds it by its plain name with
// cuModuleGetFunction; in the host emulation used by the tests (src/test/native) the same macro
// also registers the function under that name, so one list of kernels serves both.
//
// Conventions: every pointer argument already includes its element offset (the Java side adds
// it), sizes are int (a tensor holds fewer than 2^31 elements), and every element-wise kernel is
// a grid-stride loop, so any grid size is correct and the launcher picks it for occupancy only.
#pragma once

#ifndef RNN4J_HOST_EMULATION
#define RNN4J_KERNEL(name, ...) extern "C" __global__ void name(__VA_ARGS__)
#endif

// Activation codes; CudaBackend.activationCode maps org.rnn4j.api.kernel.Activation to these.
#define RNN4J_IDENTITY 0
#define RNN4J_TANH 1
#define RNN4J_RELU 2
#define RNN4J_SIGMOID 3

// Threads per block of the element-wise kernels and of the block reductions.
#define RNN4J_BLOCK 256

#define RNN4J_GRID_STRIDE(i, n) \
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += blockDim.x * gridDim.x)

__device__ __forceinline__ float rnn4j_sigmoid(float x) {
    return 1.0f / (1.0f + expf(-x));
}

__device__ __forceinline__ float rnn4j_activate(int act, float x) {
    switch (act) {
        case RNN4J_TANH: return tanhf(x);
        case RNN4J_RELU: return x > 0.0f ? x : (x <= 0.0f ? 0.0f : x);  // NaN stays NaN
        case RNN4J_SIGMOID: return rnn4j_sigmoid(x);
        default: return x;
    }
}

// The derivative of an activation expressed through its OUTPUT y, as the API defines it.
__device__ __forceinline__ float rnn4j_derivative(int act, float y) {
    switch (act) {
        case RNN4J_TANH: return fmaf(-y, y, 1.0f);
        case RNN4J_RELU: return y > 0.0f ? 1.0f : 0.0f;
        case RNN4J_SIGMOID: return y * (1.0f - y);
        default: return 1.0f;
    }
}

// Sums one value per thread over a block of RNN4J_BLOCK threads in a fixed tree order, so the
// result depends only on the inputs (never on scheduling). Every thread of the block must call
// it; thread 0 gets the sum. `scratch` holds RNN4J_BLOCK floats of shared memory.
__device__ __forceinline__ float rnn4j_block_sum(float value, float* scratch) {
    int t = threadIdx.x;
    scratch[t] = value;
    __syncthreads();
    for (int width = RNN4J_BLOCK / 2; width > 0; width >>= 1) {
        if (t < width) {
            scratch[t] += scratch[t + width];
        }
        __syncthreads();
    }
    float sum = scratch[0];
    __syncthreads();  // scratch may be reused right after
    return sum;
}

// The same tree for a maximum.
__device__ __forceinline__ float rnn4j_block_max(float value, float* scratch) {
    int t = threadIdx.x;
    scratch[t] = value;
    __syncthreads();
    for (int width = RNN4J_BLOCK / 2; width > 0; width >>= 1) {
        if (t < width) {
            scratch[t] = fmaxf(scratch[t], scratch[t + width]);
        }
        __syncthreads();
    }
    float max = scratch[0];
    __syncthreads();
    return max;
}
