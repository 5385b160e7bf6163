#!/usr/bin/env bash
# Regenerate the committed baselines under reports/baseline/ (about 10 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
IKZ=.venv/bin/ikz
out=reports/baseline
mkdir -p "$out"
for retriever in hybrid bm25 dense; do
  "$IKZ" eval retrieval --beir ../shared/data/germanquad --retriever "$retriever" --json > "$out/germanquad-$retriever.json"
done
"$IKZ" eval answers --questions eval/questions.jsonl --report-dir "$out" --json > "$out/answers-summary.json"
mkdir -p "$out/heldout"
"$IKZ" eval answers --questions eval/heldout.jsonl --report-dir "$out/heldout" --json > "$out/heldout-summary.json"
"$IKZ" eval paraphrases --json > "$out/paraphrases.json"
"$IKZ" eval faithfulness --report-dir "$out" --json > "$out/faithfulness-summary.json"
"$IKZ" bench --json > "$out/bench.json"
