package org.rnn4j.it.readme;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.util.Map;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.optim.Optimizer;
import org.rnn4j.core.cell.CellTypes;
import org.rnn4j.core.inject.Rnn4jModule;
import org.rnn4j.core.optim.Optimizers;
import org.rnn4j.models.stack.RecurrentNetwork;
import org.rnn4j.models.stack.RecurrentStack;

/** The README's Guice example, compiled and run by {@link ReadmeExamplesTest}. */
final class GuiceExample {

    private GuiceExample() {
    }

    static float[] forward(float[] input, int steps, int batch) {
        // README:guice
        Injector injector = Guice.createInjector(new Rnn4jModule());
        Backend backend = injector.getInstance(Backend.class);
        CellTypes cells = injector.getInstance(CellTypes.class);
        Optimizer adam = injector.getInstance(Optimizers.class).create("adam", Map.of("beta2", 0.99));
        RecurrentStack stack = RecurrentStack.of(cells.create("gru", 4, 16), cells.create("lstm", 16, 8));
        try (RecurrentNetwork net = stack.instantiate(backend, 42)) {
            adam.initialize(backend, net.parameters().size());
            return net.forward(input, steps, batch);                // [steps][batch][8]
        }
        // README:end
    }
}
