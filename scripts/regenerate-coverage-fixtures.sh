#!/usr/bin/env bash
# Regenerates packages/coverage/fixtures/reports/ by really running the coverage
# tools over packages/coverage/fixtures/project/. The outputs are committed so
# the parser tests compare roadstop's totals with each tool's own numbers;
# nothing in them is edited by hand, absolute paths of this machine included.
#
# Installs what it needs: the fixture project's npm packages under its own
# node_modules (never the workspace root), and Debian's python3-coverage,
# which must run on Debian's /usr/bin/python3 (a pyenv python3 on PATH has
# no access to it).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/packages/coverage/fixtures/project"
reports="$root/packages/coverage/fixtures/reports"

# The fixture tools run on the repository's Node 24 (root devDependency
# `node`), not whatever node is first on PATH: Node 24 strips the TypeScript
# types for the node:test run.
node24="$(readlink -f "$root/node_modules/node/bin/node")"
if [ ! -x "$node24" ]; then
  echo "regenerate-coverage-fixtures: $root/node_modules/node/bin/node is missing; run npm install at the repository root first" >&2
  exit 1
fi
export PATH="$(dirname "$node24"):$PATH"
case "$(node --version)" in
  v24.*) ;;
  *) echo "regenerate-coverage-fixtures: expected Node 24, got $(node --version)" >&2; exit 1 ;;
esac

echo "== installing the fixture project's tools (npm install --prefix, not the root)"
npm install --prefix "$project" --no-audit --no-fund --loglevel=error

python=/usr/bin/python3
if ! "$python" -c 'import coverage' 2>/dev/null; then
  echo "== installing Debian's python3-coverage"
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get install -y python3-coverage || { $sudo apt-get update && $sudo apt-get install -y python3-coverage; }
fi

rm -rf "$reports"
mkdir -p "$reports"
cd "$project"

# Every format istanbul-reports writes that roadstop reads. lcovonly is the
# lcov reporter's lcov.info without its HTML pages.
istanbul_reporters=(lcovonly json json-summary cobertura clover)

vitest_run() {
  local provider="$1" out="$2"
  shift 2
  local args=(run --coverage.enabled=true "--coverage.provider=$provider" "--coverage.reportsDirectory=$out")
  for reporter in "${istanbul_reporters[@]}"; do args+=("--coverage.reporter=$reporter"); done
  npx --no-install vitest "${args[@]}" "$@"
}

echo "== vitest, v8 provider"
vitest_run v8 "$reports/vitest-v8"

echo "== vitest, istanbul provider"
vitest_run istanbul "$reports/vitest-istanbul"

# The same suite in two shards, as a CI matrix runs it: merging the shards
# must give the unsharded totals.
for shard in 1 2; do
  echo "== vitest, istanbul provider, shard $shard/2"
  vitest_run istanbul "$reports/vitest-istanbul-shard-$shard" "--shard=$shard/2"
done

echo "== c8 over node's test runner"
npx --no-install c8 --reporter=lcovonly --reporter=json --reporter=json-summary \
  --report-dir="$reports/c8" --temp-directory="$project/.c8-tmp" \
  --all --src=src --include='src/**' \
  node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON --test test/node/all.suite.ts
rm -rf "$project/.c8-tmp"

echo "== jest (babel instrumentation)"
npx --no-install jest --coverage --coverageDirectory="$reports/jest"

echo "== coverage.py (Debian's python3-coverage)"
mkdir -p "$reports/coverage-py"
(
  cd python
  export COVERAGE_FILE="$project/.coverage-py-data"
  "$python" -m coverage run --branch --source=. -m unittest discover -s . -p 'test_*.py'
  "$python" -m coverage xml -o "$reports/coverage-py/coverage.xml"
  "$python" -m coverage json -o "$reports/coverage-py/coverage.json"
  "$python" -m coverage report --show-missing > "$reports/coverage-py/report.txt"
  rm -f "$COVERAGE_FILE"
)

{
  echo "node $(node --version)"
  echo "vitest $(node -p "require('$project/node_modules/vitest/package.json').version")"
  echo "@vitest/coverage-v8 $(node -p "require('$project/node_modules/@vitest/coverage-v8/package.json').version")"
  echo "@vitest/coverage-istanbul $(node -p "require('$project/node_modules/@vitest/coverage-istanbul/package.json').version")"
  echo "c8 $(node -p "require('$project/node_modules/c8/package.json').version")"
  echo "jest $(node -p "require('$project/node_modules/jest/package.json').version")"
  echo "$("$python" -m coverage --version | head -n 1)"
} > "$reports/VERSIONS.txt"

echo "== wrote $reports"
find "$reports" -type f | sort | sed "s|$root/||"
