#!/usr/bin/env python3
"""Writes optimizer_parity.safetensors: torch.optim reference trajectories for rnn4j's optimisers.

Run with Debian's python3-torch: /usr/bin/python3 tools/parity/make_optimizer_parity.py OUT_FILE
Each case starts from the same float32 parameters and feeds the same float32 gradient sequence;
torch computes in float64 and the trajectory is stored as float32. The safetensors file is written
by hand (no safetensors package needed), in the format documented in the parity README.
"""
import json
import sys

import torch

from safetensors_io import write_safetensors

STEPS = 5
N = 10

CASES = [
    ("sgd_plain", "sgd", 0.1, {}, lambda p, lr: torch.optim.SGD(p, lr=lr)),
    ("sgd_momentum", "sgd", 0.1, {"momentum": 0.9, "dampening": 0.1},
     lambda p, lr: torch.optim.SGD(p, lr=lr, momentum=0.9, dampening=0.1)),
    ("sgd_nesterov_wd", "sgd", 0.05, {"momentum": 0.9, "nesterov": 1.0, "weight_decay": 0.01},
     lambda p, lr: torch.optim.SGD(p, lr=lr, momentum=0.9, nesterov=True, weight_decay=0.01)),
    ("adam", "adam", 0.01, {}, lambda p, lr: torch.optim.Adam(p, lr=lr)),
    ("adam_l2", "adam", 0.01, {"beta1": 0.8, "beta2": 0.99, "eps": 1e-6, "weight_decay": 0.1},
     lambda p, lr: torch.optim.Adam(p, lr=lr, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
    ("adamw", "adamw", 0.01, {"weight_decay": 0.05},
     lambda p, lr: torch.optim.AdamW(p, lr=lr, weight_decay=0.05)),
    ("rmsprop", "rmsprop", 0.01, {}, lambda p, lr: torch.optim.RMSprop(p, lr=lr)),
    ("rmsprop_momentum_wd", "rmsprop", 0.01, {"alpha": 0.9, "momentum": 0.5, "weight_decay": 0.01},
     lambda p, lr: torch.optim.RMSprop(p, lr=lr, alpha=0.9, momentum=0.5, weight_decay=0.01)),
    ("adagrad_wd", "adagrad", 0.1, {"weight_decay": 0.01},
     lambda p, lr: torch.optim.Adagrad(p, lr=lr, weight_decay=0.01)),
]


def main(out):
    gen = torch.Generator().manual_seed(2026)
    p0 = torch.randn(N, generator=gen, dtype=torch.float32)
    grads = torch.randn(STEPS, N, generator=gen, dtype=torch.float32)
    tensors = {"params0": p0, "grads": grads}
    meta = {"format_version": "1", "steps": str(STEPS), "size": str(N), "torch_version": torch.__version__,
            "computed_in": "float64", "stored_as": "float32", "cases": ",".join(c[0] for c in CASES)}
    for name, optimizer, lr, options, make in CASES:
        p = torch.nn.Parameter(p0.clone().double())
        opt = make([p], lr)
        trajectory = []
        for t in range(STEPS):
            p.grad = grads[t].clone().double()
            opt.step()
            trajectory.append(p.detach().clone().float())
        tensors["expected." + name] = torch.stack(trajectory)
        meta["optimizer." + name] = optimizer
        meta["lr." + name] = repr(lr)
        meta["options." + name] = json.dumps(options, sort_keys=True)
    write_safetensors(out, tensors, meta)



if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "optimizer_parity.safetensors")
