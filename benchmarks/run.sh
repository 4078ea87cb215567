#!/usr/bin/env bash
# Builds benchmarks/target/benchmarks.jar, runs benchmarks and prints Markdown tables.
#
#   benchmarks/run.sh [totp] [JMH options]   TOTP engine (the default): JMH with the GC profiler;
#                                            defaults 1 fork, 3 x 1 s warm-up, 5 x 1 s measured
#   benchmarks/run.sh store [JMH options]    JdbcUserDataStore at 1,000 vs 100,000 users, H2 and
#                                            PostgreSQL (embedded); settings in StoreBenchmark
#   benchmarks/run.sh filter [options]       verified-session throughput with/without TwoStepFilter
#                                            (FilterThroughput: --threads 4 --seconds 10 --rounds 3 --warmup 10)
#   benchmarks/run.sh load [options]         the sample app on embedded PostgreSQL under 64 simulated users, full
#                                            visits (LoadTest: --users 64 --seconds 60 --warmup 60 --ratio-seconds 5)
#   benchmarks/run.sh verify [options]       the same load on the verify path alone: each user signed in once, then
#                                            only codes (LoadTest --mode verify --ratio-seconds 0)
#   benchmarks/run.sh webauthn [JMH options] one accepted security-key assertion next to one accepted TOTP code,
#                                            both through Accounts, and the bare checks for scale
#                                            (WebAuthnVerifyBenchmark); defaults as for totp, without the GC profiler
#   benchmarks/run.sh passwordless [options] password-less sign-in: unknown names against users with and without an
#                                            email address, login and a wrong code, interleaved (PasswordlessTiming:
#                                            --samples 600 --warmup 200); not part of "all"
#   benchmarks/run.sh all                    all six with their defaults, then one table of ratios
#
# Results: benchmarks/target/{totp,store,filter,load,load-verify,webauthn}.json. Benchmarks are not tests: nothing here
# fails on a number; a missed target is printed as MISSED.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=benchmarks/target/benchmarks.jar
out=benchmarks/target

machine() {
  echo "date: $(date -u)"
  echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //')"
  echo "java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
}

load() {
  echo "load average ($1): $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
}

run_totp() {
  local settings=("$@")
  [[ ${#settings[@]} -gt 0 ]] || settings=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
  load "totp start"
  java -jar "$jar" "${settings[@]}" -prof gc -rf json -rff "$out/totp.json" \
    'io\.github\.twostep\.benchmarks\.(TotpVerifyBenchmark|SingleHmacBenchmark)\..*'
  load "totp end"
  echo
  java -cp "$jar" io.github.twostep.benchmarks.ResultTable "$out/totp.json"
}

run_store() {
  load "store start"
  java -jar "$jar" "$@" -rf json -rff "$out/store.json" 'io\.github\.twostep\.benchmarks\.StoreBenchmark\..*'
  load "store end"
  echo
  java -cp "$jar" io.github.twostep.benchmarks.StoreTable "$out/store.json"
}

run_filter() {
  local settings=("$@")
  [[ ${#settings[@]} -gt 0 ]] || settings=(--threads 4 --seconds 10 --rounds 3 --warmup 10)
  load "filter start"
  java -Xmx1g -cp "$jar" io.github.twostep.benchmarks.FilterThroughput "${settings[@]}" --out "$out/filter.json"
  load "filter end"
}

run_load() {
  load "load start"
  java -Xmx1g -cp "$jar" io.github.twostep.benchmarks.LoadTest "$@" --out "$out/load.json"
  load "load end"
}

run_passwordless() {
  load "passwordless start"
  java -Xmx1g -cp "$jar" io.github.twostep.benchmarks.PasswordlessTiming "$@" --out "$out/passwordless.json"
  load "passwordless end"
}

run_verify() {
  load "verify start"
  java -Xmx1g -cp "$jar" io.github.twostep.benchmarks.LoadTest --mode verify --ratio-seconds 0 "$@" \
    --out "$out/load-verify.json"
  load "verify end"
}

run_webauthn() {
  local settings=("$@")
  [[ ${#settings[@]} -gt 0 ]] || settings=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
  load "webauthn start"
  java -jar "$jar" "${settings[@]}" -rf json -rff "$out/webauthn.json" \
    'io\.github\.twostep\.benchmarks\.WebAuthnVerifyBenchmark\..*'
  load "webauthn end"
  echo
  java -cp "$jar" io.github.twostep.benchmarks.WebAuthnTable "$out/webauthn.json"
}

ratios() {
  echo
  java -cp "$jar" io.github.twostep.benchmarks.Ratios --totp "$out/totp.json" --store "$out/store.json" \
    --filter "$out/filter.json" --load "$out/load.json" --load-verify "$out/load-verify.json"
}

what=totp
if [[ $# -gt 0 && $1 != -* ]]; then
  what=$1
  shift
fi
case "$what" in
  totp|store|filter|load|verify|webauthn|passwordless|all) ;;
  *) echo "usage: benchmarks/run.sh [totp|store|filter|load|verify|webauthn|passwordless|all] [options]" >&2; exit 2 ;;
esac
if [[ $what == all && $# -gt 0 ]]; then
  echo "benchmarks/run.sh all takes no options; run one benchmark to pass options" >&2
  exit 2
fi

mvn -B -q -pl benchmarks -am package -DskipTests
mkdir -p "$out"
machine
case "$what" in
  totp) run_totp "$@" ;;
  store) run_store "$@" ;;
  filter) run_filter "$@" ;;
  load) run_load "$@" ;;
  verify) run_verify "$@" ;;
  webauthn) run_webauthn "$@" ;;
  passwordless) run_passwordless "$@" ;;
  all)
    rm -f "$out/totp.json" "$out/store.json" "$out/filter.json" "$out/load.json" "$out/load-verify.json" \
      "$out/webauthn.json"
    start=$(date +%s)
    echo; echo "## TOTP"; run_totp
    echo; echo "## Store"; run_store
    echo; echo "## Filter hot path"; run_filter
    echo; echo "## Load, full visits"; run_load
    echo; echo "## Load, verify path"; run_verify
    echo; echo "## Security key next to TOTP"; run_webauthn
    echo; echo "## Ratios"; ratios
    echo "total time: $(( $(date +%s) - start )) s"
    ;;
esac
