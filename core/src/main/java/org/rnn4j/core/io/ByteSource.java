package org.rnn4j.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Random access to the bytes being parsed, so a file is read in place through its channel (never
 * whole into one array, which would cap models at 2 GiB) and an in-memory buffer the same way.
 */
interface ByteSource {

    /** Total number of bytes. */
    long size() throws IOException;

    /** Fills {@code dst}'s remaining space from {@code position} on. */
    void readFully(long position, ByteBuffer dst) throws IOException;

    static ByteSource of(FileChannel channel) {
        return new ByteSource() {
            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public void readFully(long position, ByteBuffer dst) throws IOException {
                long at = position;
                while (dst.hasRemaining()) {
                    int n = channel.read(dst, at);
                    if (n < 0) {
                        // The size was checked up front, so the file shrank while being read.
                        throw new EOFException("file ended at byte " + at + " while reading; was it being rewritten?");
                    }
                    at += n;
                }
            }
        };
    }

    static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public void readFully(long position, ByteBuffer dst) {
                dst.put(bytes, Math.toIntExact(position), dst.remaining());
            }
        };
    }
}
