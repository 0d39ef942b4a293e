#!/usr/bin/env bash
# Measures the speed targets and prints the numbers for RESULTS.md.
# Needs hyperfine (Debian: apt-get install hyperfine) and a release build:
#   cargo build --release -p oversight-core --bin oversight
#   bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/oversight
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 bench/gen_survey.py 200000 "$work/survey.csv"

# Import: a fresh database each run, so every run imports all 200,000 rows.
hyperfine --warmup 1 --runs 5 \
  --prepare "rm -f $work/db.sqlite3 $work/db.sqlite3-wal $work/db.sqlite3-shm" \
  "$bin --db $work/db.sqlite3 import survey $work/survey.csv"

# A small import (1,000 rows, some from people already in it) into the
# store of 200,000: what reading the stored fingerprints and respondents
# costs an import (survey::Held), a fresh copy of the store each run.
python3 bench/gen_survey.py 1000 "$work/small.csv"
hyperfine --warmup 1 --runs 10 \
  --prepare "cp $work/db.sqlite3 $work/big.sqlite3" \
  "$bin --db $work/big.sqlite3 import survey $work/small.csv"

# Summary on the database the last import left.
hyperfine --warmup 3 --runs 30 -N "$bin --db $work/db.sqlite3 summary --json"

# Charts, through the CLI (process start and opening the database included;
# core/benches/charts.rs measures the rendering alone).
hyperfine --warmup 2 --runs 10 -N \
  "$bin --db $work/db.sqlite3 chart spend-by-department --out $work/c.png" \
  "$bin --db $work/db.sqlite3 chart spend-by-department --out $work/c.pdf"
