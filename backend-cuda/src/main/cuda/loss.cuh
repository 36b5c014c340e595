// Fused losses. Per-row or per-block partial sums go to a workspace that the host adds in
// double, in order, so the returned loss is deterministic.
#pragma once

// One block per row (grid-stride over rows): the row maximum, the sum of exponentials, the loss
// -log softmax(l)[t] = log(sum exp(l - max)) - (l[t] - max), and, when d_logits is not null,
// grad_scale * (softmax - onehot). Rows with a negative target get loss 0 and a zero gradient.
RNN4J_KERNEL(softmax_cross_entropy, int rows, int classes, const float* logits, const int* targets,
             float grad_scale, float* d_logits, float* row_loss) {
    __shared__ float scratch[RNN4J_BLOCK];
    for (int r = blockIdx.x; r < rows; r += gridDim.x) {
        const float* l = logits + r * classes;
        float* d = d_logits == 0 ? 0 : d_logits + r * classes;
        int t = targets[r];
        if (t < 0) {  // uniform across the block: no barrier is skipped by part of it
            if (d != 0) {
                for (int c = threadIdx.x; c < classes; c += blockDim.x) {
                    d[c] = 0.0f;
                }
            }
            if (threadIdx.x == 0) {
                row_loss[r] = 0.0f;
            }
            continue;
        }
        float mx = -INFINITY;
        for (int c = threadIdx.x; c < classes; c += blockDim.x) {
            mx = fmaxf(mx, l[c]);
        }
        mx = rnn4j_block_max(mx, scratch);
        float s = 0.0f;
        for (int c = threadIdx.x; c < classes; c += blockDim.x) {
            s += expf(l[c] - mx);
        }
        s = rnn4j_block_sum(s, scratch);
        float target_logit = l[t];  // read by every thread before any gradient is written
        __syncthreads();
        if (threadIdx.x == 0) {
            row_loss[r] = logf(s) - (target_logit - mx);
        }
        if (d != 0) {
            float inv = 1.0f / s;
            for (int c = threadIdx.x; c < classes; c += blockDim.x) {
                float p = expf(l[c] - mx) * inv;
                d[c] = grad_scale * (c == t ? p - 1.0f : p);
            }
        }
        __syncthreads();
    }
}

// probs = softmax(logits * inv_temperature), one block per row.
RNN4J_KERNEL(softmax_rows, int rows, int classes, float inv_temperature, const float* logits, float* probs) {
    __shared__ float scratch[RNN4J_BLOCK];
    for (int r = blockIdx.x; r < rows; r += gridDim.x) {
        const float* l = logits + r * classes;
        float* p = probs + r * classes;
        float mx = -INFINITY;
        for (int c = threadIdx.x; c < classes; c += blockDim.x) {
            mx = fmaxf(mx, l[c] * inv_temperature);
        }
        mx = rnn4j_block_max(mx, scratch);
        float s = 0.0f;
        for (int c = threadIdx.x; c < classes; c += blockDim.x) {
            s += expf(l[c] * inv_temperature - mx);
        }
        s = rnn4j_block_sum(s, scratch);
        float inv = 1.0f / s;
        for (int c = threadIdx.x; c < classes; c += blockDim.x) {
            p[c] = expf(l[c] * inv_temperature - mx) * inv;  // may alias l: same thread, same c
        }
        __syncthreads();
    }
}

// Masked squared error: per-block partial sums of m * (p - t)^2 and, when d_pred is not null,
// d_pred = grad_scale * 2 * m * (p - t). Elements with m == 0 contribute nothing and get a zero
// gradient even when p or t is NaN (padding may hold anything). mask may be null (all ones).
RNN4J_KERNEL(squared_error_partial, int n, const float* pred, const float* target, const float* mask,
             float grad_scale, float* d_pred, float* partials) {
    __shared__ float scratch[RNN4J_BLOCK];
    float s = 0.0f;
    RNN4J_GRID_STRIDE(i, n) {
        float m = mask == 0 ? 1.0f : mask[i];
        float g = 0.0f;
        if (m != 0.0f) {
            float diff = pred[i] - target[i];
            s += m * diff * diff;
            g = grad_scale * 2.0f * m * diff;
        }
        if (d_pred != 0) {
            d_pred[i] = g;
        }
    }
    float sum = rnn4j_block_sum(s, scratch);
    if (threadIdx.x == 0) {
        partials[blockIdx.x] = sum;
    }
}

// Per-block partial sums of a vector (the per-row cross-entropy losses).
RNN4J_KERNEL(sum_partial, int n, const float* x, float* partials) {
    __shared__ float scratch[RNN4J_BLOCK];
    float s = 0.0f;
    RNN4J_GRID_STRIDE(i, n) {
        s += x[i];
    }
    float sum = rnn4j_block_sum(s, scratch);
    if (threadIdx.x == 0) {
        partials[blockIdx.x] = sum;
    }
}
