#!/usr/bin/python3
"""PyTorch twin of rnn4j's throughput harness (org.rnn4j.bench.Throughput).

Same configurations under the same names, same data and batches, same timing protocol, same
table and TSV columns, so `benchmarks/compare.sh` can take rnn4j/PyTorch ratios from one run.

    /usr/bin/python3 benchmarks/pytorch/throughput.py                    # all configurations
    /usr/bin/python3 benchmarks/pytorch/throughput.py --quick --configs seed,gemm

Fair set-up (PLATFORM.md): Debian's python3-torch links the netlib reference BLAS unless
libopenblas0-openmp is installed and found first; OpenBLAS 0.3.21 does not know recent CPUs and
falls back to SSE3 kernels unless OPENBLAS_CORETYPE names one; torch starts with 1 thread. So the
script re-executes itself once with LD_LIBRARY_PATH=/usr/lib/<arch>/openblas-openmp (when that
directory exists), OPENBLAS_CORETYPE=SkylakeX (when the CPU has AVX-512) and
OMP_NUM_THREADS=<threads>, then calls torch.set_num_threads(<threads>). --no-fair-setup skips it;
--coretype keep leaves an OPENBLAS_CORETYPE found in the environment.

Architecture (identical to ModelSpec.java): one-hot tokens (F.one_hot(...).float()), an optional
nn.Linear(vocab, projection), nn.LSTM / nn.GRU / nn.RNN(tanh) with `layers` layers of `hidden`,
nn.Linear(hidden, vocab), cross-entropy averaged over all batch*steps targets; Adam(lr=2e-3),
clip_grad_norm_(5), char-rnn batches with the state carried (detached) between batches.
"""
import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time

# name, cell, layers, hidden, vocabulary, projection, batch, steps, sample  (as ModelSpec.ALL)
CONFIGS = [
    ("seed", "lstm", 1, 128, 84, 8, 32, 64, 0),
    ("lstm-2x256", "lstm", 2, 256, 65, 0, 64, 100, 0),
    ("lstm-2x512", "lstm", 2, 512, 65, 0, 64, 100, 0),
    ("gru-2x256", "gru", 2, 256, 65, 0, 64, 100, 0),
    ("elman-2x256", "elman", 2, 256, 65, 0, 64, 100, 0),
    ("sample-lstm-2x256", "lstm", 2, 256, 65, 0, 1, 1, 2000),
    ("sample-lstm-2x512", "lstm", 2, 512, 65, 0, 1, 1, 2000),
]
TINY = [
    ("tiny", "lstm", 1, 16, 65, 0, 4, 8, 0),
    ("sample-tiny", "gru", 1, 16, 65, 0, 1, 1, 50),
]
TEMPERATURE = 0.8
SEED = 42
# (warmup seconds, warmup steps, reps, rep seconds, rep steps), as Protocol.java
STANDARD = (5, 3, 5, 2, 2)
QUICK = (0.3, 1, 2, 0.2, 1)
GEMM = (1, 3, 5, 0.4, 2)
GEMM_QUICK = (0.1, 1, 1, 0.1, 1)
GEMM_SHAPES = [(m, k, n, lay) for (m, k, n) in [(64, 512, 2048), (6400, 65, 1024), (6400, 256, 1024),
                                                   (2048, 2048, 2048)] for lay in ("NN", "NT", "TN")]
FORMAT = "%-22s %-46s %8s %10s %10s %10s %8s %8s %8s %8s  %s"
REEXEC = "RNN4J_BENCH_FAIR_SETUP"


def spec(name):
    for c in CONFIGS + TINY:
        if c[0] == name:
            return c
    raise SystemExit("unknown configuration '%s'; known: %s" % (name, " ".join(c[0] for c in CONFIGS + TINY)))


def describe(c):
    name, cell, layers, hidden, vocab, proj, batch, steps, sample = c
    inp = "one-hot %d->linear %d" % (vocab, proj) if proj else "one-hot %d" % vocab
    net = "%s %dx%d, %s" % (cell.upper(), layers, hidden, inp)
    return net + (", sample %d @T=%s" % (sample, TEMPERATURE) if sample else ", B%d T%d" % (batch, steps))


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def fair_setup(threads, coretype):
    """Re-executes this script once with the environment PLATFORM.md calls fair."""
    if os.environ.get(REEXEC):
        return
    env = dict(os.environ)
    env[REEXEC] = "1"
    arch = platform.machine() + "-linux-gnu"
    blas = "/usr/lib/%s/openblas-openmp" % arch
    if os.path.isdir(blas):
        env["LD_LIBRARY_PATH"] = blas + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
    else:
        print("warning: %s not found; install libopenblas0-openmp or torch uses the reference BLAS" % blas,
              file=sys.stderr)
    if coretype == "auto":
        # OpenBLAS 0.3.21 predates recent CPUs; on any AVX-512 CPU its SkylakeX kernels are the
        # fastest it has. An OPENBLAS_CORETYPE already in the environment (some images set
        # Haswell) is overridden: --coretype keep leaves it.
        if "avx512f" in cpu_flags():
            env["OPENBLAS_CORETYPE"] = "SkylakeX"
    elif coretype != "keep":
        env["OPENBLAS_CORETYPE"] = coretype
    env["OMP_NUM_THREADS"] = str(threads)
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


def blas_library():
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line and "/" in line}
        return ", ".join(sorted(libs)) or "unknown"
    except OSError:
        return "unknown"


class RepTimer:
    """As RepTimer.java: warm-up ticks, then repetitions of a minimum time and count."""

    def __init__(self, protocol, items_per_tick):
        self.warm_s, self.warm_n, self.reps, self.rep_s, self.rep_n = protocol
        self.items = items_per_tick
        self.rates = []
        self.warm = False
        self.restart()

    def restart(self):
        self.start = time.perf_counter()
        self.ticks = 0

    def tick(self):
        now = time.perf_counter()
        self.ticks += 1
        seconds = now - self.start
        if not self.warm:
            if self.ticks >= self.warm_n and seconds >= self.warm_s:
                self.warm = True
                self.start, self.ticks = now, 0
        elif len(self.rates) < self.reps and self.ticks >= self.rep_n and seconds >= self.rep_s:
            self.rates.append(self.ticks * self.items / seconds)
            self.start, self.ticks = now, 0
        return self.done()

    def done(self):
        return len(self.rates) == self.reps


def corpus_ids(path, vocab):
    """As Corpus.java: code points sorted -> ids; for a larger model vocabulary, every odd position
    holding an id < extra becomes base + id."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    chars = sorted(set(text))
    table = {ch: i for i, ch in enumerate(chars)}
    ids = [table[ch] for ch in text]
    base = len(chars)
    if vocab < base:
        raise SystemExit("the text has %d symbols; a model of %d cannot read it" % (base, vocab))
    extra = vocab - base
    for i in range(1, len(ids), 2):
        if ids[i] < extra:
            ids[i] += base
    return ids, base


def locate_corpus(explicit):
    if explicit:
        return explicit
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    shared = os.path.join(os.path.dirname(root), "shared", "data", "tinyshakespeare", "input.txt")
    bundled = os.path.join(root, "cli", "src", "main", "resources", "corpus", "tinyshakespeare.txt")
    for p in (shared, bundled):
        if os.path.isfile(p):
            return p
    raise SystemExit("no Tiny Shakespeare found at %s or %s; pass --data FILE" % (shared, bundled))


DEVICE = "cpu"  # --device; "cuda" runs on the GPU through cuDNN


def use_device(torch, name):
    """Selects the device; on a GPU, plain float32 (no TF32), as rnn4j computes."""
    global DEVICE
    DEVICE = name
    if name == "cuda":
        if not torch.cuda.is_available():
            raise SystemExit("--device cuda: torch sees no CUDA device")
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
        torch.backends.cudnn.benchmark = True


def synchronize(torch):
    if DEVICE == "cuda":
        torch.cuda.synchronize()


def build_model(torch, c):
    nn = torch.nn
    name, cell, layers, hidden, vocab, proj, batch, steps, sample = c

    class CharModel(nn.Module):
        def __init__(self):
            super().__init__()
            self.proj = nn.Linear(vocab, proj) if proj else None
            inputs = proj if proj else vocab
            if cell == "lstm":
                self.rnn = nn.LSTM(inputs, hidden, layers)
            elif cell == "gru":
                self.rnn = nn.GRU(inputs, hidden, layers)
            else:
                self.rnn = nn.RNN(inputs, hidden, layers, nonlinearity="tanh")
            self.head = nn.Linear(hidden, vocab)

        def forward(self, tokens, state):
            x = torch.nn.functional.one_hot(tokens, vocab).float()
            if self.proj is not None:
                x = self.proj(x)
            y, state = self.rnn(x, state)
            return self.head(y), state

    torch.manual_seed(SEED)
    return CharModel().to(DEVICE)


def detach(state):
    if state is None:
        return None
    if isinstance(state, tuple):
        return tuple(s.detach() for s in state)
    return state.detach()


def train(torch, c, corpus, protocol):
    F = torch.nn.functional
    name, cell, layers, hidden, vocab, proj, batch, steps, sample = c
    ids, _ = corpus_ids(corpus, vocab)
    data = torch.tensor(ids, dtype=torch.long, device=DEVICE)
    stream = (len(ids) - 1) // batch
    per_epoch = stream // steps
    xs = data[:batch * stream].view(batch, stream)
    ys = data[1:batch * stream + 1].view(batch, stream)
    model = build_model(torch, c)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    timer = RepTimer(protocol, batch * steps)
    pos, state = 0, None
    timer.restart()
    while True:
        if pos >= per_epoch:  # epoch end: rewind and reset the state, as the Trainer does
            pos, state = 0, None
        x = xs[:, pos * steps:(pos + 1) * steps].t().contiguous()
        y = ys[:, pos * steps:(pos + 1) * steps].t().contiguous()
        pos += 1
        opt.zero_grad(set_to_none=True)
        logits, state = model(x, state)
        loss = F.cross_entropy(logits.reshape(-1, vocab), y.reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        state = detach(state)
        loss.item()  # the Java trainer reads every step's loss too
        if timer.tick():
            return timer.rates


def sample(torch, c, protocol):
    name, cell, layers, hidden, vocab, proj, batch, steps, length = c
    model = build_model(torch, c)
    model.eval()
    timer = RepTimer(protocol, length)
    seed = 0
    timer.restart()
    with torch.no_grad():
        while True:
            gen = torch.Generator(device=DEVICE).manual_seed(seed)
            seed += 1
            x = torch.zeros(1, 1, dtype=torch.long, device=DEVICE)  # prime: id 0, the newline
            state = None
            out = []
            for _ in range(length):
                logits, state = model(x, state)
                probs = torch.softmax(logits[-1, 0] / TEMPERATURE, dim=-1)
                nxt = torch.multinomial(probs, 1, generator=gen)
                out.append(int(nxt))
                x = nxt.view(1, 1)
            if timer.tick():
                return timer.rates


def gemm(torch, m, k, n, layout, protocol):
    a = torch.rand(k, m, device=DEVICE).t() if layout[0] == "T" else torch.rand(m, k, device=DEVICE)
    b = torch.rand(n, k, device=DEVICE).t() if layout[1] == "T" else torch.rand(k, n, device=DEVICE)
    c = torch.empty(m, n, device=DEVICE)
    timer = RepTimer(protocol, 2.0 * m * n * k / 1e9)
    timer.restart()
    while True:
        torch.mm(a, b, out=c)
        synchronize(torch)  # time the product, not its launch (as GemmBench reads one element)
        if timer.tick():
            return timer.rates


def row(name, what, unit, rates, heap=-1.0, live=-1.0, rss=-1.0, note=""):
    def num(v):
        return "%.0f" % v if v >= 1000 else "%.1f" % v

    def mem(v):
        return "-" if v < 0 else "%.0f" % v

    # B/char (rnn4j's heap allocation per character) has no PyTorch counterpart: always "-" / -1
    print(FORMAT % (name, what, unit, num(statistics.median(rates)), num(min(rates)), num(max(rates)), mem(heap),
                    mem(live), mem(rss), "-", note), flush=True)
    return "%s\t%s\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t-1\t%s" % (name, unit, statistics.median(rates), min(rates),
                                                                 max(rates), heap, live, rss, note)


def run_child(args):
    import torch
    torch.set_num_threads(args.threads)
    use_device(torch, args.device)
    c = spec(args.child)
    protocol = QUICK if args.quick else STANDARD
    rates = sample(torch, c, protocol) if c[8] else train(torch, c, locate_corpus(args.data), protocol)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    print("RESULT\t%s\t%.1f\t%.3f" % (" ".join("%.3f" % r for r in rates), usage.ru_maxrss / 1024.0, cpu), flush=True)


def busy_ticks():
    """Busy ticks of all CPUs (steal included), as CpuShare.java; None where unknown."""
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()
        return sum(int(fields[i]) for i in (1, 2, 3, 6, 7, 8) if i < len(fields))
    except (OSError, ValueError):
        return None


def mark():
    return time.perf_counter(), busy_ticks(), sum(os.times()[:2])  # self only: children report their own


def others(before, child_cpu=0.0):
    """Percent of all CPUs used by other processes since `before`, as CpuShare.java."""
    wall0, busy0, own0 = before
    wall1, busy1, own1 = mark()
    if busy0 is None or busy1 is None:
        return ""
    own = own1 - own0 + child_cpu
    share = 100 * ((busy1 - busy0) / 100.0 - own) / ((wall1 - wall0) * os.cpu_count())
    return "others %.0f%% CPU" % max(0.0, share)


def fork(args, name):
    cmd = [sys.executable, os.path.abspath(__file__), "--child", name, "--threads", str(args.threads)]
    if args.quick:
        cmd.append("--quick")
    if args.data:
        cmd += ["--data", args.data]
    if args.no_fair_setup:
        cmd.append("--no-fair-setup")
    cmd += ["--device", args.device]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, universal_newlines=True)
    result = [line for line in proc.stdout.splitlines() if line.startswith("RESULT\t")]
    if proc.returncode != 0 or not result:
        raise RuntimeError("the process measuring %s exited with status %d" % (name, proc.returncode))
    _, rates, rss, cpu = result[-1].split("\t")
    return [float(r) for r in rates.split()], float(rss), float(cpu)


def main():
    p = argparse.ArgumentParser(description="PyTorch twin of org.rnn4j.bench.Throughput")
    p.add_argument("--configs", default="all",
                   help="comma-separated: all, train, sample, gemm, or names (seed, lstm-2x256, ...)")
    p.add_argument("--quick", action="store_true", help="smoke run, not steady state")
    p.add_argument("--gemm", default="all", choices=["all", "targets", "gpu", "none"])
    p.add_argument("--device", default="cpu", choices=["cpu", "cuda"],
                   help="cpu (default) or cuda: cuDNN's LSTM/GRU/RNN and cuBLAS's GEMM in float32")
    p.add_argument("--tsv", help="also write the results tab-separated")
    p.add_argument("--data", help="training text (default: Tiny Shakespeare beside the checkout)")
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="torch threads (default: all CPUs)")
    p.add_argument("--coretype", default="auto",
                   help="OPENBLAS_CORETYPE: auto (SkylakeX on AVX-512 CPUs), keep (the environment's), or a name")
    p.add_argument("--no-fair-setup", action="store_true", help="do not re-exec with OpenBLAS/OpenMP settings")
    p.add_argument("--child", help=argparse.SUPPRESS)
    args = p.parse_args()
    if not args.no_fair_setup and args.device == "cpu":
        fair_setup(args.threads, args.coretype)
    if args.child:
        run_child(args)
        return 0

    selected = []
    for name in args.configs.split(","):
        name = name.strip()
        if name == "all":
            selected += ["gemm"] + [c[0] for c in CONFIGS]
        elif name == "train":
            selected += [c[0] for c in CONFIGS if not c[8]]
        elif name == "sample":
            selected += [c[0] for c in CONFIGS if c[8]]
        elif name in ("gemm", "peak"):
            selected.append(name)
        else:
            selected.append(spec(name)[0])
    selected = list(dict.fromkeys(selected))

    import torch
    torch.set_num_threads(args.threads)
    use_device(torch, args.device)
    with open("/proc/loadavg") as f:
        load = f.read().split()[0]
    corpus = locate_corpus(args.data)
    print("pytorch throughput harness" + (" (QUICK: smoke run, not steady state)" if args.quick else ""))
    print("machine: %s, %d CPUs" % (cpu_model(), os.cpu_count()))
    print("torch:   %s on Python %s, %d threads, BLAS %s, OPENBLAS_CORETYPE=%s" % (
        torch.__version__, platform.python_version(), torch.get_num_threads(), blas_library(),
        os.environ.get("OPENBLAS_CORETYPE", "-")))
    if DEVICE == "cuda":
        print("device:  %s (cuDNN %s), float32, TF32 off" % (torch.cuda.get_device_name(0),
                                                           torch.backends.cudnn.version()))
    print("load:    %s (1-minute average at start; numbers are trustworthy below ~0.5)" % load)
    print("data:    %s" % corpus)
    print(FORMAT % ("config", "what", "unit", "median", "min", "max", "heapMiB", "liveMiB", "RSSMiB", "B/char", ""))
    lines = []
    ok = True
    if "gemm" in selected and args.gemm != "none":
        protocol = GEMM_QUICK if args.quick else GEMM
        shapes = [(4096, 4096, 4096, "NN"), (64, 512, 2048, "NT")] if args.gemm == "gpu" else GEMM_SHAPES
        for (m, k, n, lay) in shapes:
            size = "%dx%dx%d" % (m, k, n)
            if args.gemm == "targets" and size not in ("2048x2048x2048", "64x512x2048"):
                continue
            before = mark()
            rates = gemm(torch, m, k, n, lay, protocol)
            lines.append(row("gemm-%s-%s" % (lay, size), "torch.mm, M x K x N = " + size, "GFLOP/s", rates,
                             note=others(before)))
    for name in selected:
        if name in ("gemm", "peak"):
            continue
        c = spec(name)
        try:
            before = mark()
            rates, rss, cpu = fork(args, name)
            lines.append(row(name, describe(c), "chars/s", rates, rss=rss, note=others(before, cpu)))
        except RuntimeError as e:
            print("%s: FAILED: %s" % (name, e))
            ok = False
    if args.tsv:
        with open(args.tsv, "w") as f:
            f.write("name\tunit\tmedian\tmin\tmax\theap_mib\tlive_mib\trss_mib\talloc_b_per_char\tnote\n")
            for line in lines:
                f.write(line + "\n")
        print("wrote " + args.tsv)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
