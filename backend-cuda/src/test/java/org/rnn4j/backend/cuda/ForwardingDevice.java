package org.rnn4j.backend.cuda;

/** A {@link Device} that passes every call to another one; tests override what they observe. */
class ForwardingDevice implements Device {

    private final Device target;

    ForwardingDevice(Device target) {
        this.target = target;
    }

    @Override
    public String description() {
        return target.description();
    }

    @Override
    public int multiprocessors() {
        return target.multiprocessors();
    }

    @Override
    public long allocate(long bytes) {
        return target.allocate(bytes);
    }

    @Override
    public void free(long address) {
        target.free(address);
    }

    @Override
    public void upload(float[] src, int srcOffset, long dst, int count) {
        target.upload(src, srcOffset, dst, count);
    }

    @Override
    public void upload(int[] src, int srcOffset, long dst, int count) {
        target.upload(src, srcOffset, dst, count);
    }

    @Override
    public void download(long src, float[] dst, int dstOffset, int count) {
        target.download(src, dst, dstOffset, count);
    }

    @Override
    public void copy(long src, long dst, long bytes) {
        target.copy(src, dst, bytes);
    }

    @Override
    public KernelFunction function(String name) {
        return target.function(name);
    }

    @Override
    public void launch(KernelFunction function, int gridX, int gridY, int gridZ, int threads, LaunchArgs args) {
        target.launch(function, gridX, gridY, gridZ, threads, args);
    }

    @Override
    public void close() {
        target.close();
    }
}
