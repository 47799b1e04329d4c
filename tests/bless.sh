#!/usr/bin/env bash
# bless.sh [BUILD] — rewrites every tests/golden/**/NAME.err from what budc
# prints now.  Review the diff before committing: a golden file pins the
# exact text users see.
set -u
budc=${1:-build}/budc
cd "$(dirname "$0")/.."
find tests/golden -name '*.err' -print0 | while IFS= read -r -d '' err; do
    # shellcheck disable=SC2046
    "$budc" check $(cat "${err%.err}.flags" 2>/dev/null) "${err%.err}.bud" 2> "$err" > /dev/null
done
git diff --stat -- tests/golden
