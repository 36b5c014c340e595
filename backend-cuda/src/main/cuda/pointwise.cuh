// Element-wise kernels, broadcasts, reductions to per-block partial sums, dropout masks and the
// embedding gather / scatter. Each mirrors the reference backend term by term in float.
#pragma once

RNN4J_KERNEL(fill_f32, int n, float value, float* x) {
    RNN4J_GRID_STRIDE(i, n) {
        x[i] = value;
    }
}

RNN4J_KERNEL(copy_matrix, int rows, int cols, const float* src, int lds, float* dst, int ldd) {
    int total = rows * cols;
    RNN4J_GRID_STRIDE(e, total) {
        int r = e / cols;
        int c = e - r * cols;
        dst[r * ldd + c] = src[r * lds + c];
    }
}

RNN4J_KERNEL(add_row_vector, int rows, int cols, const float* v, float* x) {
    int total = rows * cols;
    RNN4J_GRID_STRIDE(e, total) {
        x[e] += v[e % cols];
    }
}

// Column sums over a 32-column strip per block: thread (tx, ty) of a 32 x 8 block sums rows
// ty, ty + 8, ... of column tx in row order; the eight partial sums are then added in ty order.
RNN4J_KERNEL(sum_rows, int rows, int cols, const float* x, float beta, float* out) {
    __shared__ float partial[8][33];
    int tx = threadIdx.x % 32;
    int ty = threadIdx.x / 32;
    int col = blockIdx.x * 32 + tx;
    float s = 0.0f;
    if (col < cols) {
        for (int r = ty; r < rows; r += 8) {
            s += x[r * cols + col];
        }
    }
    partial[ty][tx] = s;
    __syncthreads();
    if (ty == 0 && col < cols) {
        float total = partial[0][tx];
        for (int g = 1; g < 8; g++) {
            total += partial[g][tx];
        }
        out[col] = beta == 0.0f ? total : fmaf(beta, out[col], total);
    }
}

RNN4J_KERNEL(activation_forward, int act, int n, const float* x, float* y) {
    RNN4J_GRID_STRIDE(i, n) {
        y[i] = rnn4j_activate(act, x[i]);
    }
}

RNN4J_KERNEL(activation_backward, int act, int n, const float* y, const float* dy, float beta, float* dx) {
    RNN4J_GRID_STRIDE(i, n) {
        float g = dy[i] * rnn4j_derivative(act, y[i]);
        dx[i] = beta == 0.0f ? g : fmaf(beta, dx[i], g);
    }
}

RNN4J_KERNEL(axpby, int n, float alpha, const float* x, float beta, float* y) {
    RNN4J_GRID_STRIDE(i, n) {
        float ax = alpha * x[i];
        y[i] = beta == 0.0f ? ax : fmaf(beta, y[i], ax);
    }
}

RNN4J_KERNEL(multiply, int n, const float* x, const float* y, float beta, float* z) {
    RNN4J_GRID_STRIDE(i, n) {
        float p = x[i] * y[i];
        z[i] = beta == 0.0f ? p : fmaf(beta, z[i], p);
    }
}

RNN4J_KERNEL(clamp, int n, float lo, float hi, float* x) {
    RNN4J_GRID_STRIDE(i, n) {
        float v = x[i];
        x[i] = v < lo ? lo : (v > hi ? hi : v);  // NaN stays NaN, as Math.min/max keep it
    }
}

// One partial sum of squares per block (grid-stride within the block's share); the host adds
// the partials in block order in double. The grid size depends only on n, so the bits do too.
RNN4J_KERNEL(sum_squares_partial, int n, const float* x, float* partials) {
    __shared__ float scratch[RNN4J_BLOCK];
    float s = 0.0f;
    RNN4J_GRID_STRIDE(i, n) {
        float v = x[i];
        s = fmaf(v, v, s);
    }
    float sum = rnn4j_block_sum(s, scratch);
    if (threadIdx.x == 0) {
        partials[blockIdx.x] = sum;
    }
}

// Dropout multipliers from CounterRandom: SplitMix64's finaliser of seed + counter * gamma, the
// top 24 bits as a uniform float; `keep` is 1 / (1 - p) computed by the caller in float.
RNN4J_KERNEL(dropout_mask, int n, float p, float keep, unsigned long long seed,
             unsigned long long counter, float* mask) {
    RNN4J_GRID_STRIDE(i, n) {
        unsigned long long z = seed + (counter + (unsigned long long) i) * 0x9E3779B97F4A7C15ULL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        z = z ^ (z >> 31);
        float u = (float) (z >> 40) * 5.9604644775390625e-8f;  // 2^-24
        mask[i] = u < p ? 0.0f : keep;
    }
}

// Row r of out becomes row rows[r] of table, or zeros where rows[r] < 0 (padding).
RNN4J_KERNEL(gather_rows, int count, int cols, const float* table, const int* rows, float* out) {
    int total = count * cols;
    RNN4J_GRID_STRIDE(e, total) {
        int r = e / cols;
        int c = e - r * cols;
        int index = rows[r];
        out[e] = index < 0 ? 0.0f : table[index * cols + c];
    }
}

// Row rows[r] of table accumulates row r of src, without atomics: the host sorts the positions
// by index (stably) into `plan` = [segment starts (segments + 1) | segment indices (segments) |
// positions], and one thread per (segment, column) adds that index's rows in their original
// order, so repeated indices add up in the same order, and to the same bits, as the reference.
RNN4J_KERNEL(scatter_add_sorted, int segments, int cols, const float* src, const int* plan, float* table) {
    const int* start = plan;
    const int* index = plan + segments + 1;
    const int* order = plan + 2 * segments + 1;
    int total = segments * cols;
    RNN4J_GRID_STRIDE(e, total) {
        int s = e / cols;
        int c = e - s * cols;
        float* t = table + index[s] * cols + c;
        float acc = *t;
        for (int p = start[s]; p < start[s + 1]; p++) {
            acc += src[order[p] * cols + c];
        }
        *t = acc;
    }
}
