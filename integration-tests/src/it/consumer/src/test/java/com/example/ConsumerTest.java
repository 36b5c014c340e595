package com.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import org.rnn4j.api.backend.BackendProvider;
import org.junit.jupiter.api.Test;

// TEMPORARY: checks only the invoker wiring until the models API is merged.
class ConsumerTest {
    @Test
    void referenceBackendIsFound() {
        boolean found = ServiceLoader.load(BackendProvider.class).stream()
                .anyMatch(p -> p.get().name().equals("reference"));
        assertTrue(found);
    }
}
