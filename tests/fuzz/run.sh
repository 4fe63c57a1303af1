#!/usr/bin/env bash
# Fuzzes one PolicyLint front end with AFL++ through SharpFuzz (see README.md beside this script).
#   tests/fuzz/run.sh TARGET [SECONDS]     TARGET: template-yaml | template-json | ledger | config | editorconfig |
#                                          samconfig-toml | samconfig-yaml | deployed-export (policylint-fuzz --list)
# Findings go to tests/fuzz/out/TARGET/ (ignored by git). Needs afl++ (apt-get install afl++) and the SharpFuzz
# command-line tool (dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0); installs both if missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
target="${1:?usage: run.sh TARGET [SECONDS]}"
seconds="${2:-600}"
build="$here/out/build"
seeds="$here/out/seeds/$target"
findings="$here/out/$target"

command -v afl-fuzz > /dev/null || { apt-get update -qq && apt-get install -y -qq afl++; }
export PATH="$PATH:$HOME/.dotnet/tools"
command -v sharpfuzz > /dev/null || dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0

if [ ! -f "$build/.instrumented" ]; then
  rm -rf "$build"
  dotnet publish "$here/PolicyLint.Fuzz" -c Release -o "$build" --nologo -v quiet
  # Instrument the engine, the rule pack and the YAML and TOML parsers: AFL's coverage comes from their branches.
  for assembly in PolicyLint.Core.dll PolicyLint.Rules.dll YamlDotNet.dll Tomlyn.dll; do
    sharpfuzz "$build/$assembly"
  done
  touch "$build/.instrumented"
fi

# Seeds: small real inputs of the target's kind from the corpus copy, the example cases, the samples, and the
# regression inputs of earlier fuzzing runs.
if [ ! -d "$seeds" ]; then
  mkdir -p "$seeds"
  case "$target" in
    template-yaml) find "$repo/tests/corpus" "$repo/tests/cases" "$repo/samples" -type f \( -name '*.yaml' -o -name '*.yml' \) -size -6k ! -name 'inspector-exclusions.yaml' ;;
    template-json) find "$repo/tests/corpus" "$repo/tests/cases" -type f \( -name '*.json' -o -name '*.template' \) -size -8k ;;
    ledger) find "$repo/tests/cases" "$repo/samples" -type f -name 'inspector-exclusions.yaml' ;;
    # The configuration targets: the README's examples (kept as seed-* files in regressions/TARGET, copied below),
    # the configuration files and samconfigs of the cases and samples.
    config) find "$repo/tests/cases" "$repo/samples" -type f -name '.policylint.yaml' -size -6k ;;
    editorconfig) find "$repo/tests/cases" "$repo/samples" -type f \( -name '.editorconfig' -o -name '.globalconfig' \) -size -6k ;;
    samconfig-toml) find "$repo/tests/cases" "$repo/samples" -type f -name 'samconfig.toml' -size -6k ;;
    samconfig-yaml) find "$repo/tests/cases" "$repo/samples" -type f \( -name 'samconfig.yaml' -o -name 'samconfig.yml' \) -size -6k ;;
    # The deployed-state sample's AWS CLI exports (and the seed-* exports of regressions/deployed-export, copied below).
    deployed-export) find "$repo/samples" -path '*/deployed/*' -type f -name '*.json' -size -8k ;;
    *) find "$repo/tests/cases" -type f -name '*.yaml' -size -4k ;;
  esac | sort | head -n 120 | while read -r f; do cp "$f" "$seeds/$(echo "$f" | sed "s|$repo/||; s|/|_|g")"; done
  if [ -d "$repo/tests/fuzz/regressions/$target" ]; then cp "$repo/tests/fuzz/regressions/$target"/* "$seeds/" 2> /dev/null || true; fi
fi

mkdir -p "$findings"
resume="-i $seeds"
[ -f "$findings/default/fuzzer_stats" ] && resume="-i -"
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
export DOTNET_TieredPGO=0 DOTNET_TC_QuickJitForLoops=1
# -t: a hang is an input that takes more than 10 s (the engine bounds alias expansion and depth; nothing should).
exec timeout --signal=INT "$seconds" afl-fuzz $resume -o "$findings" -t 10000 -m none -- dotnet "$build/PolicyLint.Fuzz.dll" "$target"
