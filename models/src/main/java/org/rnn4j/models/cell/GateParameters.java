package org.rnn4j.models.cell;

import org.rnn4j.api.cell.ParameterBinding;
import org.rnn4j.api.cell.ParameterRef;

/**
 * The four parameters (and their gradients) of the PyTorch-style Elman, LSTM and GRU layers:
 * {@code weight_ih}, {@code weight_hh}, {@code bias_ih}, {@code bias_hh}, looked up once at bind
 * time so the hot loop does no map lookups.
 */
record GateParameters(ParameterRef wIh, ParameterRef wHh, ParameterRef bIh, ParameterRef bHh,
                      ParameterRef dWIh, ParameterRef dWHh, ParameterRef dBIh, ParameterRef dBHh) {

    static GateParameters of(ParameterBinding p) {
        return new GateParameters(p.weight("weight_ih"), p.weight("weight_hh"), p.weight("bias_ih"),
                p.weight("bias_hh"), p.gradient("weight_ih"), p.gradient("weight_hh"), p.gradient("bias_ih"),
                p.gradient("bias_hh"));
    }
}
