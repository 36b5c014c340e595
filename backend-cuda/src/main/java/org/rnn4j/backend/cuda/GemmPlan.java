package org.rnn4j.backend.cuda;

/**
 * How one GEMM is launched: which square output tile of {@code gemm.cuh} and how many slices
 * along k. A product with few output tiles (the recurrent step of an LSTM 512 at batch 64 has a
 * 64 x 512 or 64 x 2048 output) would leave most multiprocessors idle while a few blocks walk
 * all of k; slicing k gives every multiprocessor a block, and {@code gemm_reduce_slices} adds
 * the slices in order afterwards, so results stay deterministic.
 *
 * <p>The choice minimises a simple cost: waves of blocks (one block per multiprocessor per wave)
 * times the k-extent of one block times the shared-memory reads per k of a thread's register
 * block ({@code 2 * tile / 16}), plus {@link #SLICE_OVERHEAD} for the extra launch when k is
 * sliced. Large products keep the 128 tile and one slice; small ones (batch-1 sampling, an Elman
 * 256 step) stay unsliced because the reduction's launch costs more than it saves.
 *
 * <pre>{@code
 * GemmPlan plan = GemmPlan.choose(64, 512, 2048, 132);   // tile 64, 16 slices of 128
 * }</pre>
 *
 * @param tileIndex index into {@link #TILES}
 * @param slices    slices along k; 1 means none (C is written directly)
 * @param kChunk    k extent of a slice, a multiple of the tile's k-step ({@code k} when unsliced)
 */
record GemmPlan(int tileIndex, int slices, int kChunk) {

    /** Tile edges, largest first, as instantiated in gemm.cuh. */
    static final int[] TILES = {128, 64, 32};

    /** The k-step (BK) of each tile in gemm.cuh. */
    static final int[] K_STEPS = {8, 16, 32};

    /** The shortest slice worth a block: below it the block's start-up and the reduction dominate. */
    static final int MIN_SLICE_K = 128;

    /**
     * The cost of slicing (the reduction's launch and its pass over the partial products) in the
     * units of {@link #choose}: one unit is about 8 cycles of a multiprocessor, so this is about
     * 4 microseconds. On an H100, batch-1 sampling slowed by a third when its 1 x 256 x 1024
     * products were sliced in two, since each saved less than a launch costs.
     */
    static final long SLICE_OVERHEAD = 1000;

    /** Edge of the output tile. */
    int tile() {
        return TILES[tileIndex];
    }

    /** The plan for an {@code m x n} output with inner dimension {@code k} on this many multiprocessors. */
    static GemmPlan choose(int m, int n, int k, int multiprocessors) {
        int sms = Math.max(1, multiprocessors);
        int bestTile = 0;
        int bestChunk = k;
        long bestCost = Long.MAX_VALUE;
        for (int t = 0; t < TILES.length; t++) {
            long blocks = tiles(m, TILES[t]) * tiles(n, TILES[t]);
            int wanted = (int) Math.max(1, Math.min(sms / blocks, Math.max(1, k / MIN_SLICE_K)));
            for (int pass = 0; pass < 2; pass++) { // unsliced, then sliced
                int chunk = pass == 0 ? k : chunk(t, wanted, k);
                int slices = slices(chunk, k);
                long waves = (blocks * slices + sms - 1) / sms;
                // Shared-memory reads of one thread: 2 * (tile / 16) per element of its slice of k.
                long cost = waves * Math.max(1, chunk) * (2L * (TILES[t] / 16)) + (slices > 1 ? SLICE_OVERHEAD : 0);
                if (cost < bestCost) {
                    bestTile = t;
                    bestChunk = chunk;
                    bestCost = cost;
                }
            }
        }
        return new GemmPlan(bestTile, slices(bestChunk, k), bestChunk);
    }

    /**
     * Tile {@code tileIndex} with about {@code slices} slices of k (fewer when k is short): each
     * slice a whole number of k-steps.
     */
    static GemmPlan sliced(int tileIndex, int slices, int k) {
        int chunk = chunk(tileIndex, slices, k);
        return new GemmPlan(tileIndex, slices(chunk, k), chunk);
    }

    /** The k extent of each of about {@code slices} slices: whole k-steps of the tile, or all of k. */
    private static int chunk(int tileIndex, int slices, int k) {
        int step = K_STEPS[tileIndex];
        if (slices <= 1 || k <= step) {
            return k;
        }
        return (int) ((((long) k + slices - 1) / slices + step - 1) / step * step);
    }

    private static int slices(int chunk, int k) {
        return chunk >= k ? 1 : (k + chunk - 1) / chunk;
    }

    private static long tiles(int extent, int tile) {
        return (extent + tile - 1) / tile;
    }
}
