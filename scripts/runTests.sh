#!/bin/sh
# `npm test`: node's built-in test runner over every test/**/*.test.ts, in two
# runs (extra arguments, e.g. --test-reporter=tap, go to both):
#   1. the files that share nothing with each other (each writes only into its
#      own temporary folder), two or more at a time: on the 2-core machine
#      node would run one at a time (its default is CPUs - 1);
#   2. test/jupyter/ and test/notebooks/, one at a time: they share the
#      notebooks executed once per run (test/helpers/executedNotebooks.ts, keyed
#      by ALLIANCE_TEST_RUN) and the slow results in build/precomputed/.
# Exit status: non-zero when either run failed (both always run).
cd "$(dirname "$0")/.." || exit 1
export ALLIANCE_STRICT_CHECKS=1
export ALLIANCE_TEST_RUN="$$"
shared='^test/(jupyter|notebooks)/'
files=$(find test -name "*.test.ts" | LC_ALL=C sort)
jobs=$(node -p 'Math.max(2, require("node:os").availableParallelism())')
echo "npm test, run 1 of 2: $(echo "$files" | grep -Evc "$shared") test files, $jobs at a time"
# shellcheck disable=SC2046 # one argument per file (paths hold no spaces)
node --import tsx --test --test-concurrency="$jobs" --test-reporter=spec "$@" $(echo "$files" | grep -Ev "$shared")
first=$?
echo "npm test, run 2 of 2: $(echo "$files" | grep -Ec "$shared") test files (Jupyter, notebooks), one at a time"
# shellcheck disable=SC2046
node --import tsx --test --test-concurrency=1 --test-reporter=spec "$@" $(echo "$files" | grep -E "$shared")
second=$?
[ "$first" -eq 0 ] && [ "$second" -eq 0 ]
