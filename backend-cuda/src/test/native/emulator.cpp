// The host emulator of the rnn4j CUDA kernels: the kernels compiled for the CPU (see
// cuda_emulation.h), a fiber scheduler that runs a launch block by block, and the JNI entry
// points of org.rnn4j.backend.cuda.EmulatedDevice (test sources).
#include "cuda_emulation.h"

#include "rnn4j_kernels.cu"

#include <jni.h>
#include <ucontext.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace rnn4j_emu {

Coordinates current;

namespace {

struct Kernel {
    void* function;
    Trampoline trampoline;
};

std::map<std::string, Kernel>& kernels() {
    static std::map<std::string, Kernel> table;  // filled by static registrations at load time
    return table;
}

constexpr size_t STACK_BYTES = 256 * 1024;
constexpr int MAX_THREADS = 1024;

struct Fiber {
    ucontext_t context;
    char* stack = nullptr;
    bool finished = false;
};

ucontext_t scheduler;
std::vector<Fiber> fibers;
int running = -1;
const Kernel* launching = nullptr;
void** launch_args = nullptr;

void fiber_main() {
    launching->trampoline(launching->function, launch_args);
    fibers[running].finished = true;
    // Returning resumes uc_link, the scheduler.
}

void set_thread(int t, dim3 block_dim) {
    current.thread.x = t % block_dim.x;
    current.thread.y = (t / block_dim.x) % block_dim.y;
    current.thread.z = t / (block_dim.x * block_dim.y);
}

// Runs one block; returns an error message or nullptr.
const char* run_block(int threads) {
    for (int t = 0; t < threads; t++) {
        Fiber& f = fibers[t];
        f.finished = false;
        getcontext(&f.context);
        f.context.uc_stack.ss_sp = f.stack;
        f.context.uc_stack.ss_size = STACK_BYTES;
        f.context.uc_link = &scheduler;
        makecontext(&f.context, fiber_main, 0);
    }
    while (true) {
        int finished = 0;
        for (int t = 0; t < threads; t++) {
            if (fibers[t].finished) {
                finished++;
                continue;
            }
            running = t;
            set_thread(t, current.block_dim);
            swapcontext(&scheduler, &fibers[t].context);
            if (fibers[t].finished) {
                finished++;
            }
        }
        if (finished == threads) {
            return nullptr;
        }
        if (finished > 0) {
            // Some threads returned while the others wait at __syncthreads(): on a GPU that is
            // undefined behaviour, here it is an error, so the kernel gets fixed.
            for (int t = 0; t < threads; t++) {
                if (!fibers[t].finished) {
                    // Let the waiting fibers run to their end so their stacks are free again.
                    running = t;
                    set_thread(t, current.block_dim);
                    while (!fibers[t].finished) {
                        swapcontext(&scheduler, &fibers[t].context);
                    }
                }
            }
            return "barrier divergence: some threads of a block returned while others waited at __syncthreads()";
        }
    }
}

}  // namespace

void register_kernel(const char* name, void* function, Trampoline trampoline) {
    kernels()[name] = Kernel{function, trampoline};
}

void syncthreads() {
    int self = running;
    swapcontext(&fibers[self].context, &scheduler);
}

}  // namespace rnn4j_emu

using namespace rnn4j_emu;

namespace {

void throw_java(JNIEnv* env, const char* message) {
    jclass type = env->FindClass("java/lang/IllegalStateException");
    env->ThrowNew(type, message);
}

}  // namespace

extern "C" {

JNIEXPORT jlong JNICALL Java_org_rnn4j_backend_cuda_EmulatedDevice_allocateNative(JNIEnv* env, jclass, jlong bytes) {
    void* p = std::calloc(1, (size_t) (bytes > 0 ? bytes : 1));
    if (p == nullptr) {
        throw_java(env, "host emulator: out of memory");
    }
    return (jlong) (uintptr_t) p;
}

JNIEXPORT void JNICALL Java_org_rnn4j_backend_cuda_EmulatedDevice_freeNative(JNIEnv*, jclass, jlong address) {
    std::free((void*) (uintptr_t) address);
}

JNIEXPORT void JNICALL Java_org_rnn4j_backend_cuda_EmulatedDevice_uploadFloats(
        JNIEnv* env, jclass, jfloatArray src, jint offset, jlong dst, jint count) {
    env->GetFloatArrayRegion(src, offset, count, (jfloat*) (uintptr_t) dst);
}

JNIEXPORT void JNICALL Java_org_rnn4j_backend_cuda_EmulatedDevice_uploadInts(
        JNIEnv* env, jclass, jintArray src, jint offset, jlong dst, jint count) {
    env->GetIntArrayRegion(src, offset, count, (jint*) (uintptr_t) dst);
}

JNIEXPORT void JNICALL Java_org_rnn4j_backend_cuda_EmulatedDevice_downloadFloats(
        JNIEnv* env, jclass, jlong src, jfloatArray dst, jint offset, jint count) {
    env->SetFloatArrayRegion(dst, offset, count, (const jfloat*) (uintptr_t) src);
}

JNIEXPORT void JNICALL Java_org_rnn4j_backend_cuda_EmulatedDevice_copyNative(
        JNIEnv*, jclass, jlong src, jlong dst, jlong bytes) {
    std::memmove((void*) (uintptr_t) dst, (const void*) (uintptr_t) src, (size_t) bytes);
}

JNIEXPORT jboolean JNICALL Java_org_rnn4j_backend_cuda_EmulatedDevice_hasKernel(JNIEnv* env, jclass, jstring name) {
    const char* chars = env->GetStringUTFChars(name, nullptr);
    bool found = kernels().count(chars) > 0;
    env->ReleaseStringUTFChars(name, chars);
    return found ? JNI_TRUE : JNI_FALSE;
}

// args: one 64-bit slot per kernel parameter, the value in its low bytes (little-endian), as
// LaunchArgs lays them out for cuLaunchKernel.
JNIEXPORT void JNICALL Java_org_rnn4j_backend_cuda_EmulatedDevice_launchNative(
        JNIEnv* env, jclass, jstring name, jint gx, jint gy, jint gz, jint bx, jint by, jint bz,
        jlongArray args, jint count) {
    const char* chars = env->GetStringUTFChars(name, nullptr);
    std::string kernel_name(chars);
    env->ReleaseStringUTFChars(name, chars);
    auto found = kernels().find(kernel_name);
    if (found == kernels().end()) {
        throw_java(env, ("host emulator: no kernel named " + kernel_name).c_str());
        return;
    }
    int threads = bx * by * bz;
    if (threads < 1 || threads > MAX_THREADS || gx < 1 || gy < 1 || gz < 1) {
        throw_java(env, ("host emulator: invalid launch configuration for " + kernel_name).c_str());
        return;
    }
    // Static: the emulator runs one launch at a time (a backend is used by one thread at a time).
    static int64_t values[32];
    static void* pointers[32];
    if (count > 32) {
        throw_java(env, "host emulator: more than 32 kernel arguments");
        return;
    }
    env->GetLongArrayRegion(args, 0, count, (jlong*) values);
    for (int i = 0; i < count; i++) {
        pointers[i] = &values[i];
    }
    while ((int) fibers.size() < threads) {
        fibers.emplace_back();
        fibers.back().stack = static_cast<char*>(std::malloc(STACK_BYTES));
    }
    launching = &found->second;
    launch_args = pointers;
    current.block_dim = dim3{(unsigned) bx, (unsigned) by, (unsigned) bz};
    current.grid_dim = dim3{(unsigned) gx, (unsigned) gy, (unsigned) gz};
    for (int z = 0; z < gz; z++) {
        for (int y = 0; y < gy; y++) {
            for (int x = 0; x < gx; x++) {
                current.block = dim3{(unsigned) x, (unsigned) y, (unsigned) z};
                const char* error = run_block(threads);
                if (error != nullptr) {
                    throw_java(env, (kernel_name + ": " + error).c_str());
                    return;
                }
            }
        }
    }
}

}  // extern "C"
