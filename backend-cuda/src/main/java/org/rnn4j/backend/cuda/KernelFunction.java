package org.rnn4j.backend.cuda;

/**
 * A kernel as a {@link Device} knows it: its name in the CUDA sources and the device's own
 * handle (a {@code CUfunction} on a GPU).
 *
 * @param name   the kernel's extern "C" name, e.g. {@code "lstm_forward"}
 * @param handle the device's handle, opaque to the backend
 */
record KernelFunction(String name, Object handle) {
}
