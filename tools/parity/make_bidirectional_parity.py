#!/usr/bin/env python3
"""Writes PyTorch reference cases for bidirectional layers over variable-length batches.

Run with Debian's python3-torch: /usr/bin/python3 tools/parity/make_bidirectional_parity.py OUT_DIR
Same conventions as the shared parity set (float64 computation, float32 storage, hand-written
safetensors), plus `lengths` [B] (as float32): sequences are packed with pack_padded_sequence, so
outputs at padded steps are zero and the reverse direction starts at each sequence's own last
step. The loss weights `dL_doutput` are zero at padded steps, so gradients involve valid steps only.
"""
import sys

import torch

from safetensors_io import write_safetensors
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

CASES = [
    # name, module, layers, seq, batch, input, hidden, lengths
    ("bilstm_l2_lengths", torch.nn.LSTM, "lstm", 2, 6, 3, 4, 5, [6, 4, 1]),
    ("bigru_l1_lengths", torch.nn.GRU, "gru", 1, 5, 3, 3, 4, [5, 2, 3]),
    ("birnn_tanh_l1", torch.nn.RNN, "rnn", 1, 4, 2, 3, 4, [4, 4]),
]


def make(name, module, cell, layers, seq, batch, inp, hidden, lengths, seed):
    torch.manual_seed(seed)
    m = module(inp, hidden, num_layers=layers, bidirectional=True)
    x = torch.randn(seq, batch, inp)
    mask = torch.zeros(seq, batch, 1)
    for b, n in enumerate(lengths):
        mask[:n, b] = 1
    w_out = torch.randn(seq, batch, 2 * hidden) * mask
    m = m.double()
    xd = x.double().requires_grad_(True)
    packed = pack_padded_sequence(xd, torch.tensor(lengths), enforce_sorted=False)
    out, _ = m(packed)
    out, _ = pad_packed_sequence(out, total_length=seq)
    loss = (out * w_out.double()).sum()
    loss.backward()
    tensors = {}
    for k, v in m.state_dict().items():
        tensors[k] = v.float()
    tensors["input"] = x
    tensors["lengths"] = torch.tensor(lengths, dtype=torch.float32)
    tensors["output"] = out.detach().float()
    tensors["dL_doutput"] = w_out
    tensors["loss"] = loss.detach().float().reshape(1)
    for k, p in m.named_parameters():
        tensors["grad." + k] = p.grad.float()
    tensors["grad.input"] = xd.grad.float()
    meta = {"format_version": "1", "case": name, "cell": cell, "nonlinearity": "tanh",
            "num_layers": str(layers), "input_size": str(inp), "hidden_size": str(hidden),
            "seq_len": str(seq), "batch": str(batch), "bidirectional": "true", "computed_in": "float64",
            "stored_as": "float32", "seed": str(seed), "torch_version": torch.__version__,
            "loss": "sum(output * dL_doutput), dL_doutput zero at padded steps"}
    return tensors, meta



if __name__ == "__main__":
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
    for i, (name, module, cell, layers, seq, batch, inp, hidden, lengths) in enumerate(CASES):
        tensors, meta = make(name, module, cell, layers, seq, batch, inp, hidden, lengths, 100 + i)
        write_safetensors(f"{out_dir}/{name}.safetensors", tensors, meta)
