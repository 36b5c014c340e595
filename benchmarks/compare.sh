#!/usr/bin/env bash
# Runs rnn4j's harness and its PyTorch twin one after the other on the same machine, then prints
# rnn4j/PyTorch ratios against the targets of docs/benchmarks.md.
#
#   ./benchmarks/compare.sh                      # everything: about 12 minutes
#   ./benchmarks/compare.sh --quick              # smoke run
#   ./benchmarks/compare.sh --configs seed,gemm  # any harness options, passed to both sides
#
# Needs python3-torch (Debian) and, for a fair PyTorch, libopenblas0-openmp; see
# benchmarks/pytorch/throughput.py. Results land in benchmarks/target/compare/.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/target/compare"
mkdir -p "$OUT"
PY="${PYTHON:-/usr/bin/python3}"

echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$HERE/run-throughput.sh" --tsv "$OUT/rnn4j.tsv" "$@" | tee "$OUT/rnn4j.txt"
echo
if "$PY" -c 'import torch' 2>/dev/null; then
    "$PY" "$HERE/pytorch/throughput.py" --tsv "$OUT/pytorch.tsv" "$@" | tee "$OUT/pytorch.txt"
    echo
    echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
    "$PY" "$HERE/compare.py" "$OUT/rnn4j.tsv" "$OUT/pytorch.tsv" | tee "$OUT/ratios.txt"
else
    echo "PyTorch not importable by $PY (apt-get install python3-torch libopenblas0-openmp); rnn4j only."
    "$PY" "$HERE/compare.py" "$OUT/rnn4j.tsv" | tee "$OUT/ratios.txt"
fi
