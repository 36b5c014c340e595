package org.rnn4j.backend.simd;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.kernel.AdamSettings;
import org.rnn4j.api.kernel.SgdSettings;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.optim.Adam;
import org.rnn4j.models.stack.RecurrentNetwork;
import org.rnn4j.models.stack.RecurrentStack;
import org.rnn4j.models.stack.StackRunner;

/**
 * A small but complete training step for the determinism and allocation tests: a 2-layer LSTM,
 * a linear head by GEMM, softmax cross-entropy, BPTT, Adam through {@link Adam}. The input is a
 * dense block or, as in a character model, token ids (one-hot rows over {@code input}).
 * Everything is allocated in the constructor; {@link #step()} only runs kernels.
 */
final class TrainingLoop implements AutoCloseable {

    final int steps;
    final int batch;
    final int hidden;
    final int vocab;
    private final Backend backend;
    private final RecurrentNetwork net;
    private final StackRunner run;
    private final Adam adam;
    private final Tensor x;
    /** Token ids of the input, or null for the dense block {@link #x}. */
    private final int[] tokens;
    private final Tensor head;
    private final Tensor headGrad;
    private final Tensor logits;
    private final int[] targets;
    private static final SgdSettings SGD = new SgdSettings(0f, 0f, false, 0f);

    TrainingLoop(Backend backend, int steps, int batch, int input, int hidden, int vocab, long seed) {
        this(backend, steps, batch, input, hidden, vocab, seed, false);
    }

    TrainingLoop(Backend backend, int steps, int batch, int input, int hidden, int vocab, long seed,
                 boolean tokenInput) {
        this.backend = backend;
        this.steps = steps;
        this.batch = batch;
        this.hidden = hidden;
        this.vocab = vocab;
        net = RecurrentStack.builder(input).lstm(hidden).lstm(hidden).build().instantiate(backend, seed);
        run = net.bind(steps, batch);
        adam = new Adam(new AdamSettings(0.9f, 0.999f, 1e-8f, 0f, false));
        adam.initialize(backend, net.parameters().size());
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        x = backend.allocate(steps, batch, input);
        float[] xs = new float[x.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) random.nextDouble(-1, 1);
        }
        backend.upload(xs, 0, x, 0, xs.length);
        tokens = tokenInput ? new int[steps * batch] : null;
        for (int i = 0; tokenInput && i < tokens.length; i++) {
            tokens[i] = i % 9 == 8 ? -1 : random.nextInt(input);
        }
        head = backend.allocate(vocab, hidden);
        float[] hs = new float[head.size()];
        for (int i = 0; i < hs.length; i++) {
            hs[i] = (float) random.nextDouble(-0.1, 0.1);
        }
        backend.upload(hs, 0, head, 0, hs.length);
        headGrad = backend.allocate(vocab, hidden);
        logits = backend.allocate(steps * batch, vocab);
        targets = new int[steps * batch];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = random.nextInt(vocab);
        }
    }

    /** One training step; returns the loss. */
    double step() {
        return step(null, null);
    }

    /**
     * One training step; when {@code bytes} is not null, adds the calling thread's allocations
     * of each phase (forward, head and loss, backward, optimiser) to {@code bytes[0..3]}.
     */
    double step(com.sun.management.ThreadMXBean bean, long[] bytes) {
        long id = Thread.currentThread().getId();
        long t0 = bytes == null ? 0 : bean.getThreadAllocatedBytes(id);
        int rows = steps * batch;
        if (tokens != null) {
            run.forwardTokens(tokens, 0, steps);
        } else {
            run.forward(x, 0, steps);
        }
        long t1 = bytes == null ? 0 : bean.getThreadAllocatedBytes(id);
        backend.gemm(false, true, rows, vocab, hidden, 1f, run.outputs(), 0, hidden, head, 0, hidden, 0f, logits, 0,
                vocab);
        double loss = backend.softmaxCrossEntropy(rows, vocab, logits, 0, targets, 0, 1f / rows, logits, 0);
        // dW_head = dLogits^T h; dh = dLogits W_head
        backend.gemm(true, false, vocab, hidden, rows, 1f, logits, 0, vocab, run.outputs(), 0, hidden, 0f, headGrad, 0,
                hidden);
        backend.gemm(false, false, rows, hidden, vocab, 1f, logits, 0, vocab, head, 0, hidden, 0f,
                run.outputGradients(), 0, hidden);
        long t2 = bytes == null ? 0 : bean.getThreadAllocatedBytes(id);
        net.parameters().zeroGradients();
        run.backward(null, 0);
        long t3 = bytes == null ? 0 : bean.getThreadAllocatedBytes(id);
        adam.step(net.parameters().values(), net.parameters().gradients(), 1e-3f);
        // plain SGD on the head keeps the head in the loop without a second optimiser
        backend.sgdStep(head, headGrad, null, 0, head.size(), 1e-2f, false, SGD);
        if (bytes != null) {
            long t4 = bean.getThreadAllocatedBytes(id);
            bytes[0] += t1 - t0;
            bytes[1] += t2 - t1;
            bytes[2] += t3 - t2;
            bytes[3] += t4 - t3;
        }
        return loss;
    }

    /** The model's parameters, head included, as host floats. */
    float[] parameters() {
        float[] all = new float[net.parameters().size() + head.size()];
        backend.download(net.parameters().values(), 0, all, 0, net.parameters().size());
        backend.download(head, 0, all, net.parameters().size(), head.size());
        return all;
    }

    @Override
    public void close() {
        run.close();
        net.close();
        adam.close();
        x.close();
        head.close();
        headGrad.close();
        logits.close();
    }
}
