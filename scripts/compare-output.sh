#!/usr/bin/env bash
# Shows that this checkout publishes the same bytes as another revision: builds REVISION (default a794e13, the
# commit before the layout change) in a temporary folder, then publishes with both that build and this checkout's
#   - the sample site (content/, --now 2014-06-02T00:00:00Z),
#   - the bench corpus of 10,000 entries (bench/corpus.ts, seed 20140422, --now 2025-01-01T00:00:00Z),
# the same input for both, and compares the two outputs file by file.
#
# _broadsheet/ is left out of the comparison: the manifest records a hash of the code that made the output and the
# version (mtime and size) of every entry file read, and the entry index records those versions too, so it differs
# between any two builds, and between two copies of the same content, by design. Every published file is compared.
#
# Usage: scripts/compare-output.sh [REVISION]      (npm run compare-output -- [REVISION])
# Exit status: 0 identical; 1 a file differs or exists on one side only (each is listed); 2 it could not run.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
REVISION=${1:-a794e13}
SAMPLE_NOW=2014-06-02T00:00:00Z
CORPUS_NOW=2025-01-01T00:00:00Z
CORPUS_SIZE=10000
CORPUS_SEED=20140422

fail() {
  echo "compare-output: $*" >&2
  exit 2
}

cd "$ROOT" || fail "cannot enter $ROOT"
COMMIT=$(git rev-parse --verify --quiet "${REVISION}^{commit}") || fail "$REVISION is not a commit of this repository"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-compare-XXXXXX") || fail 'cannot make a temporary folder'
trap 'rm -rf "$WORK"' EXIT

# The other revision, as a plain tree (git archive: no worktree to register or clean up). Its dependencies are this
# checkout's when the lockfiles match, else installed from its own lockfile.
BASE="$WORK/base"
mkdir -p "$BASE"
git archive "$COMMIT" | tar -x -C "$BASE" || fail "cannot extract $REVISION"
if cmp -s "$BASE/package-lock.json" "$ROOT/package-lock.json"; then
  ln -s "$ROOT/node_modules" "$BASE/node_modules"
else
  echo "$REVISION has another package-lock.json: npm ci in its copy" >&2
  (cd "$BASE" && npm ci --no-audit --no-fund --ignore-scripts >/dev/null) || fail "npm ci failed for $REVISION"
fi
(cd "$BASE" && npm run build --silent) || fail "cannot build $REVISION"

# This checkout, as it is (uncommitted changes included), and the corpus generator.
npm run build --silent || fail 'cannot build this checkout'
npx tsc -p bench/tsconfig.json || fail 'cannot build bench/'
mkdir -p "$WORK/corpus"
node --input-type=module -e '
  const [module, dir, count, seed] = process.argv.slice(1);
  const { generateCorpus } = await import(module);
  generateCorpus(dir, { count: Number(count), seed: Number(seed) });
' "$ROOT/dist/bench/corpus.js" "$WORK/corpus" "$CORPUS_SIZE" "$CORPUS_SEED" || fail 'cannot generate the corpus'

status=0
compare() {
  local name=$1 content=$2 now=$3
  local before="$WORK/out/$name-$REVISION" after="$WORK/out/$name-checkout"
  node "$BASE/bin/broadsheet.js" publish --content "$content" --out "$before" --now "$now" --quiet >/dev/null || fail "$REVISION could not publish $name"
  node "$ROOT/bin/broadsheet.js" publish --content "$content" --out "$after" --now "$now" --quiet >/dev/null || fail "this checkout could not publish $name"
  local files
  files=$(find "$after" -path "$after/_broadsheet" -prune -o -type f -print | wc -l)
  [ "$files" -gt 0 ] || fail "this checkout published no file for $name"
  local differences
  differences=$(diff -rq --exclude=_broadsheet "$before" "$after" | sed "s#$WORK/out/##g")
  if [ -z "$differences" ]; then
    echo "$name (--now $now): $files files, byte-identical to $REVISION (_broadsheet/ aside)"
  else
    echo "$name (--now $now): DIFFERS from $REVISION (_broadsheet/ aside):"
    echo "$differences" | sed 's/^/  /'
    status=1
  fi
}

compare sample "$ROOT/content" "$SAMPLE_NOW"
compare "corpus-$CORPUS_SIZE" "$WORK/corpus" "$CORPUS_NOW"
exit "$status"
