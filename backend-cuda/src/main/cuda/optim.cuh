// Optimiser updates over a range of the flat parameter vector, following torch.optim (and the
// reference backend) term by term in float. Step-dependent scalars come from the host.
#pragma once

RNN4J_KERNEL(sgd_step, int n, float* param, const float* grad, float* buf, float lr, int first,
             float momentum, float dampening, int nesterov, float weight_decay) {
    RNN4J_GRID_STRIDE(i, n) {
        float d = grad[i] + weight_decay * param[i];
        if (buf != 0) {
            float b = first ? d : momentum * buf[i] + (1.0f - dampening) * d;
            buf[i] = b;
            d = nesterov ? d + momentum * b : b;
        }
        param[i] -= lr * d;
    }
}

// step_size = lr / (1 - b1^t), inv_bc2_sqrt = 1 / sqrt(1 - b2^t); decay = 1 - lr wd for AdamW
// (else 1), l2 = wd for Adam (else 0).
RNN4J_KERNEL(adam_step, int n, float* param, const float* grad, float* m, float* v, float b1, float b2,
             float eps, float step_size, float inv_bc2_sqrt, float decay, float l2) {
    RNN4J_GRID_STRIDE(i, n) {
        float p = param[i] * decay;
        float d = grad[i] + l2 * p;
        float mv = b1 * m[i] + (1.0f - b1) * d;
        float vv = b2 * v[i] + (1.0f - b2) * d * d;
        m[i] = mv;
        v[i] = vv;
        param[i] = p - step_size * mv / (sqrtf(vv) * inv_bc2_sqrt + eps);
    }
}

RNN4J_KERNEL(rmsprop_step, int n, float* param, const float* grad, float* square, float* buf, float lr,
             float alpha, float eps, float weight_decay, float momentum) {
    RNN4J_GRID_STRIDE(i, n) {
        float d = grad[i] + weight_decay * param[i];
        float s = alpha * square[i] + (1.0f - alpha) * d * d;
        square[i] = s;
        float avg = sqrtf(s) + eps;
        if (buf != 0) {
            float b = momentum * buf[i] + d / avg;
            buf[i] = b;
            param[i] -= lr * b;
        } else {
            param[i] -= lr * d / avg;
        }
    }
}

RNN4J_KERNEL(adagrad_step, int n, float* param, const float* grad, float* sum, float lr, float eps,
             float weight_decay) {
    RNN4J_GRID_STRIDE(i, n) {
        float d = grad[i] + weight_decay * param[i];
        float s = sum[i] + d * d;
        sum[i] = s;
        param[i] -= lr * d / (sqrtf(s) + eps);
    }
}
