// Host emulation of the small part of CUDA C that the rnn4j kernels use, so the very same .cu
// sources compile with g++ and run on the CPU in the tests (no GPU needed).
//
// Model: a launch runs its blocks one after another; within a block every CUDA thread is a
// fiber (ucontext) with its own stack, and __syncthreads() switches back to the scheduler, which
// resumes the next fiber. A block's threads therefore all reach a barrier before any passes it,
// exactly as on the GPU; a thread that returns while others wait at a barrier is reported as
// barrier divergence. __shared__ variables become statics: shared by the threads of the running
// block, as on the GPU, because blocks never overlap.
//
// What it cannot catch: races between threads that a GPU would interleave (fibers switch only at
// barriers, so a missing __syncthreads between a write and another thread's read can go
// unnoticed when the writer happens to run first), warp-level behaviour, out-of-bounds accesses
// that stay inside host memory, the GPU's own rounding of expf/tanhf (2 ulp) and nvcc's fused
// multiply-adds, resource limits (registers, shared memory, grid sizes), and speed.
#pragma once

#include <cmath>
#include <cstdint>

#define RNN4J_HOST_EMULATION 1

struct dim3 {
    unsigned int x, y, z;
};

namespace rnn4j_emu {

struct Coordinates {
    dim3 thread;
    dim3 block;
    dim3 block_dim;
    dim3 grid_dim;
};

// The coordinates of the fiber that runs now; set by the scheduler before every switch.
extern Coordinates current;

void syncthreads();

typedef void (*Trampoline)(void* function, void** args);

void register_kernel(const char* name, void* function, Trampoline trampoline);

template <typename... Args>
struct Call {
    template <unsigned long... I>
    struct Indices {};

    template <unsigned long N, unsigned long... I>
    struct Make : Make<N - 1, N - 1, I...> {};

    template <unsigned long... I>
    struct Make<0, I...> {
        typedef Indices<I...> type;
    };

    template <unsigned long... I>
    static void invoke(void (*f)(Args...), void** args, Indices<I...>) {
        f(*static_cast<Args*>(args[I])...);
    }

    // Unpacks cuLaunchKernel-style arguments (an array of pointers to each value) into a call.
    static void trampoline(void* function, void** args) {
        invoke(reinterpret_cast<void (*)(Args...)>(function), args,
               typename Make<sizeof...(Args)>::type());
    }
};

struct Registration {
    template <typename... Args>
    Registration(const char* name, void (*f)(Args...)) {
        register_kernel(name, reinterpret_cast<void*>(f), &Call<Args...>::trampoline);
    }
};

}  // namespace rnn4j_emu

#define RNN4J_KERNEL(name, ...)                                                                   \
    extern "C" void name(__VA_ARGS__);                                                            \
    static const rnn4j_emu::Registration rnn4j_registration_##name(#name, &name);                \
    extern "C" void name(__VA_ARGS__)

#define threadIdx (rnn4j_emu::current.thread)
#define blockIdx (rnn4j_emu::current.block)
#define blockDim (rnn4j_emu::current.block_dim)
#define gridDim (rnn4j_emu::current.grid_dim)

#define __global__
#define __device__
#define __forceinline__ inline
#define __shared__ static
#define __restrict__ __restrict
#define __syncthreads() rnn4j_emu::syncthreads()
