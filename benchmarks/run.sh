#!/usr/bin/env bash
# Builds benchmarks/target/benchmarks.jar, runs the TOTP benchmarks with the GC profiler and
# prints a Markdown table of each row's time, allocation and ratio to the same run's baseline.
#
#   benchmarks/run.sh                      modest defaults: 1 fork, 3 x 1 s warm-up, 5 x 1 s measured
#   benchmarks/run.sh -f 2 -wi 5 -i 10     any JMH options replace those defaults
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -pl benchmarks -am package -DskipTests

jar=benchmarks/target/benchmarks.jar
results=benchmarks/target/results.json
if [[ $# -gt 0 ]]; then
  settings=("$@")
else
  settings=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
fi

java -jar "$jar" "${settings[@]}" -prof gc -rf json -rff "$results" 'io\.github\.twostep\.benchmarks\..*'
echo
java -cp "$jar" io.github.twostep.benchmarks.ResultTable "$results"
