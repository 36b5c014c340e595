package org.rnn4j.core.backend.fakes;

/** Listed in a test service file by mistake: not a BackendProvider at all. */
public final class NotAProvider {
}
