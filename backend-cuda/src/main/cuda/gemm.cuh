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
// Three tile sizes (128, 64, 32 square) are instantiated for each of the four transposes; the
// launcher picks the largest that still gives every multiprocessor a block. Each output element
// is summed by one thread in k order, so results are deterministic.
#pragma once

#define RNN4J_GEMM_THREADS 256

template <bool TRANS_A, bool TRANS_B, int BM, int BN, int BK>
__device__ __forceinline__ void rnn4j_gemm_tile(int m, int n, int k, float alpha,
        const float* __restrict__ a, int lda, const float* __restrict__ b, int ldb,
        float beta, float* __restrict__ c, int ldc) {
    constexpr int TM = BM / 16;
    constexpr int TN = BN / 16;
    __shared__ float as[BK][BM];
    __shared__ float bs[BK][BN];

    const int tid = threadIdx.x;
    const int tx = tid % 16;
    const int ty = tid / 16;
    const int row0 = blockIdx.y * BM;
    const int col0 = blockIdx.x * BN;

    float acc[TM][TN];
    for (int i = 0; i < TM; i++) {
        for (int j = 0; j < TN; j++) {
            acc[i][j] = 0.0f;
        }
    }

    for (int k0 = 0; k0 < k; k0 += BK) {
        // Stage op(A)[row0 .. row0+BM) x [k0 .. k0+BK) as as[kk][r].
        for (int e = tid; e < BM * BK; e += RNN4J_GEMM_THREADS) {
            int r, kk;
            if (TRANS_A) {  // stored k x m: consecutive threads walk along m
                r = e % BM;
                kk = e / BM;
            } else {        // stored m x k: consecutive threads walk along k
                kk = e % BK;
                r = e / BK;
            }
            int gr = row0 + r;
            int gk = k0 + kk;
            float v = 0.0f;
            if (gr < m && gk < k) {
                v = TRANS_A ? a[gk * lda + gr] : a[gr * lda + gk];
            }
            as[kk][r] = v;
        }
        // Stage op(B)[k0 .. k0+BK) x [col0 .. col0+BN) as bs[kk][cc].
        for (int e = tid; e < BK * BN; e += RNN4J_GEMM_THREADS) {
            int cc, kk;
            if (TRANS_B) {  // stored n x k: consecutive threads walk along k
                kk = e % BK;
                cc = e / BK;
            } else {        // stored k x n: consecutive threads walk along n
                cc = e % BN;
                kk = e / BN;
            }
            int gc = col0 + cc;
            int gk = k0 + kk;
            float v = 0.0f;
            if (gc < n && gk < k) {
                v = TRANS_B ? b[gc * ldb + gk] : b[gk * ldb + gc];
            }
            bs[kk][cc] = v;
        }
        __syncthreads();

        for (int kk = 0; kk < BK; kk++) {
            float ra[TM];
            float rb[TN];
            for (int i = 0; i < TM; i++) {
                ra[i] = as[kk][ty + 16 * i];
            }
            for (int j = 0; j < TN; j++) {
                rb[j] = bs[kk][tx + 16 * j];
            }
            for (int i = 0; i < TM; i++) {
                for (int j = 0; j < TN; j++) {
                    acc[i][j] = fmaf(ra[i], rb[j], acc[i][j]);
                }
            }
        }
        __syncthreads();
    }

    for (int i = 0; i < TM; i++) {
        int gr = row0 + ty + 16 * i;
        if (gr >= m) {
            continue;
        }
        for (int j = 0; j < TN; j++) {
            int gc = col0 + tx + 16 * j;
            if (gc < n) {
                float* out = c + gr * ldc + gc;
                // beta == 0 ignores the old contents, even NaN, as the API requires.
                *out = beta == 0.0f ? alpha * acc[i][j] : fmaf(beta, *out, alpha * acc[i][j]);
            }
        }
    }
}

#define RNN4J_GEMM_KERNEL(name, TA, TB, BM, BN, BK) \
    RNN4J_KERNEL(name, int m, int n, int k, float alpha, const float* a, int lda, \
                 const float* b, int ldb, float beta, float* c, int ldc) { \
        rnn4j_gemm_tile<TA, TB, BM, BN, BK>(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc); \
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
