#!/usr/bin/env bash
# A built checkout of another commit, for the benches that compare two trees in one run
# (`npm run bench -- --floor --base DIR`):  bash scripts/bench/base.sh <commit> DIR
# DIR is a git worktree of <commit> sharing this tree's node_modules, with its command line built.
set -euo pipefail
commit=${1:?usage: base.sh <commit> DIR}
dir=${2:?usage: base.sh <commit> DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
git -C "$root" worktree add --detach "$dir" "$commit"
ln -s "$root/node_modules" "$dir/node_modules"
(cd "$dir" && npx tsc -p tsconfig.build.json)
echo "built $(git -C "$dir" log --oneline -1) in $dir"
