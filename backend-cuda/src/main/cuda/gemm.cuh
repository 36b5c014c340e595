// C = alpha * op(A) * op(B) + beta * C, row-major, with any leading dimensions.
//
// The classic shared-memory SGEMM: a block of 256 threads computes a BM x BN tile of C; per
// step of BK along k it stages a BM x BK tile of op(A) and a BK x BN tile of op(B) in shared
// memory (both k-major, so the inner loop reads contiguous rows), and each thread accumulates a
// TM x TN register tile. Thread (ty, tx) of the 16 x 16 grid owns rows ty + 16 i and columns
// tx + 16 j: strided ownership keeps the shared-memory reads of a warp on distinct banks (or one
// broadcast) and the stores of C coalesced along a row.
//
// Loads are arranged per layout so that consecutive threads read consecutive addresses of global
// memory: along k when A is stored m x k, along m when it is stored k x m (transposed); the same
// for B. Out-of-range elements load as zero, so edges need no special tile.
//
// Latency: the next k-step's tiles are read from global memory into registers before the current
// step's arithmetic and written to the other half of a double buffer after it, so the global
// loads are in flight while the block computes and one barrier per k-step suffices.
//
// Split k: a product with too few output tiles to occupy the GPU (a recurrent step at batch 64:
// 64 x 512 of output, k = 2048) runs gridDim.z slices of kChunk along k; each slice writes its
// raw sums to `partial` ([slice][m][n]) and gemm_reduce_slices adds them in slice order, so the
// result is still deterministic. Without slices (partial == nullptr) each output element is
// summed by one thread in k order.
//
// Three tile sizes (128, 64, 32 square) are instantiated for each of the four transposes; the
// launcher (GemmPlan.choose) picks the tile and the number of slices.
#pragma once

#define RNN4J_GEMM_THREADS 256

template <bool TRANS_A, bool TRANS_B, int BM, int BN, int BK>
__device__ __forceinline__ void rnn4j_gemm_tile(int m, int n, int k, int kChunk, float alpha,
        const float* __restrict__ a, int lda, const float* __restrict__ b, int ldb,
        float beta, float* __restrict__ c, int ldc, float* __restrict__ partial) {
    constexpr int TM = BM / 16;
    constexpr int TN = BN / 16;
    // Elements of op(A) and op(B) each thread stages per k-step.
    constexpr int LA = BM * BK / RNN4J_GEMM_THREADS;
    constexpr int LB = BK * BN / RNN4J_GEMM_THREADS;
    static_assert(LA * RNN4J_GEMM_THREADS == BM * BK, "A tile must divide among the threads");
    static_assert(LB * RNN4J_GEMM_THREADS == BK * BN, "B tile must divide among the threads");
    __shared__ float as[2][BK][BM];
    __shared__ float bs[2][BK][BN];

    const int tid = threadIdx.x;
    const int tx = tid % 16;
    const int ty = tid / 16;
    const int row0 = blockIdx.y * BM;
    const int col0 = blockIdx.x * BN;
    const int kBegin = blockIdx.z * kChunk;
    const int kEnd = k - kBegin < kChunk ? k : kBegin + kChunk;

    float acc[TM][TN];
    for (int i = 0; i < TM; i++) {
        for (int j = 0; j < TN; j++) {
            acc[i][j] = 0.0f;
        }
    }

    // Element e of a thread's share: e = tid + 256 l. For A stored m x k (B stored n x k)
    // consecutive threads walk along k, otherwise along m (n).
    float nextA[LA];
    float nextB[LB];
    auto load = [&](int k0) {
        for (int l = 0; l < LA; l++) {
            int e = tid + l * RNN4J_GEMM_THREADS;
            int r = TRANS_A ? e % BM : e / BK;
            int kk = TRANS_A ? e / BM : e % BK;
            int gr = row0 + r;
            int gk = k0 + kk;
            nextA[l] = gr < m && gk < kEnd ? (TRANS_A ? a[gk * lda + gr] : a[gr * lda + gk]) : 0.0f;
        }
        for (int l = 0; l < LB; l++) {
            int e = tid + l * RNN4J_GEMM_THREADS;
            int cc = TRANS_B ? e / BK : e % BN;
            int kk = TRANS_B ? e % BK : e / BN;
            int gc = col0 + cc;
            int gk = k0 + kk;
            nextB[l] = gc < n && gk < kEnd ? (TRANS_B ? b[gc * ldb + gk] : b[gk * ldb + gc]) : 0.0f;
        }
    };
    auto store = [&](int stage) {
        for (int l = 0; l < LA; l++) {
            int e = tid + l * RNN4J_GEMM_THREADS;
            as[stage][TRANS_A ? e / BM : e % BK][TRANS_A ? e % BM : e / BK] = nextA[l];
        }
        for (int l = 0; l < LB; l++) {
            int e = tid + l * RNN4J_GEMM_THREADS;
            bs[stage][TRANS_B ? e % BK : e / BN][TRANS_B ? e / BK : e % BN] = nextB[l];
        }
    };

    if (kBegin < kEnd) {
        load(kBegin);
        store(0);
    }
    __syncthreads();
    int stage = 0;
    for (int k0 = kBegin; k0 < kEnd; k0 += BK) {
        const bool more = k0 + BK < kEnd;  // the same for every thread of the block
        if (more) {
            load(k0 + BK);
        }
        for (int kk = 0; kk < BK; kk++) {
            float ra[TM];
            float rb[TN];
            for (int i = 0; i < TM; i++) {
                ra[i] = as[stage][kk][ty + 16 * i];
            }
            for (int j = 0; j < TN; j++) {
                rb[j] = bs[stage][kk][tx + 16 * j];
            }
            for (int i = 0; i < TM; i++) {
                for (int j = 0; j < TN; j++) {
                    acc[i][j] = fmaf(ra[i], rb[j], acc[i][j]);
                }
            }
        }
        if (more) {
            // The other buffer was last read in the previous step, before its closing barrier.
            store(stage ^ 1);
        }
        __syncthreads();
        stage ^= 1;
    }

    float* slice = partial == nullptr ? nullptr : partial + (size_t) blockIdx.z * m * n;
    for (int i = 0; i < TM; i++) {
        int gr = row0 + ty + 16 * i;
        if (gr >= m) {
            continue;
        }
        for (int j = 0; j < TN; j++) {
            int gc = col0 + tx + 16 * j;
            if (gc >= n) {
                continue;
            }
            if (slice != nullptr) {
                slice[(size_t) gr * n + gc] = acc[i][j];
            } else {
                float* out = c + gr * ldc + gc;
                // beta == 0 ignores the old contents, even NaN, as the API requires.
                *out = beta == 0.0f ? alpha * acc[i][j] : fmaf(beta, *out, alpha * acc[i][j]);
            }
        }
    }
}

#define RNN4J_GEMM_KERNEL(name, TA, TB, BM, BN, BK) \
    RNN4J_KERNEL(name, int m, int n, int k, int kChunk, float alpha, const float* a, int lda, \
                 const float* b, int ldb, float beta, float* c, int ldc, float* partial) { \
        rnn4j_gemm_tile<TA, TB, BM, BN, BK>(m, n, k, kChunk, alpha, a, lda, b, ldb, beta, c, ldc, partial); \
    }

// Names: gemm_<op(A)><op(B)>_<tile>, n = as stored, t = transposed.
RNN4J_GEMM_KERNEL(gemm_nn_128, false, false, 128, 128, 8)
RNN4J_GEMM_KERNEL(gemm_nt_128, false, true, 128, 128, 8)
RNN4J_GEMM_KERNEL(gemm_tn_128, true, false, 128, 128, 8)
RNN4J_GEMM_KERNEL(gemm_tt_128, true, true, 128, 128, 8)
RNN4J_GEMM_KERNEL(gemm_nn_64, false, false, 64, 64, 16)
RNN4J_GEMM_KERNEL(gemm_nt_64, false, true, 64, 64, 16)
RNN4J_GEMM_KERNEL(gemm_tn_64, true, false, 64, 64, 16)
RNN4J_GEMM_KERNEL(gemm_tt_64, true, true, 64, 64, 16)
RNN4J_GEMM_KERNEL(gemm_nn_32, false, false, 32, 32, 32)
RNN4J_GEMM_KERNEL(gemm_nt_32, false, true, 32, 32, 32)
RNN4J_GEMM_KERNEL(gemm_tn_32, true, false, 32, 32, 32)
RNN4J_GEMM_KERNEL(gemm_tt_32, true, true, 32, 32, 32)

// C = alpha * (sum of the slices' partial products, in slice order) + beta * C.
RNN4J_KERNEL(gemm_reduce_slices, int m, int n, int slices, float alpha, const float* partial,
             float beta, float* c, int ldc) {
    const size_t plane = (size_t) m * n;
    RNN4J_GRID_STRIDE(i, m * n) {
        float sum = partial[i];
        for (int s = 1; s < slices; s++) {
            sum += partial[s * plane + i];
        }
        float* out = c + (i / n) * ldc + i % n;
        *out = beta == 0.0f ? alpha * sum : fmaf(beta, *out, alpha * sum);
    }
}
