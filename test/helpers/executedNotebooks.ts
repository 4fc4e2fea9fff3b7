/**
 * Every notebook executed once per `npm test`, shared by the test files that
 * need executed copies (test/notebooks/notebooks.test.ts: errors, counts, the
 * HTML export in Chromium; test/jupyter/lab.test.ts: the saved copies opened
 * in JupyterLab). Before, each of them executed every notebook again.
 *
 * `npm test` sets ALLIANCE_TEST_RUN to a number of its own (the shell's
 * process id). The first test file that asks executes the notebooks
 * (scripts/jupyter/execute.ts, strict checks, two at a time) into
 * build/test-notebooks/ and records the run id with the results; a later
 * file of the same run reads them back. Without ALLIANCE_TEST_RUN (one test
 * file run by hand), or with another id, the notebooks are executed afresh:
 * a result is never reused across runs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { executeNotebooks, listNotebooks, type RunResult } from "../../scripts/jupyter/execute";
import { writeAtomic } from "../../scripts/jupyter/atomicWrite";

export const EXECUTED_DIR = path.join(REPO_ROOT, "build", "test-notebooks");
const RECORD = path.join(EXECUTED_DIR, "run.json");

interface Record_ {
  run: string;
  results: RunResult[];
}

/** The executed notebooks of this test run, executing them when no file of the run has (module doc). */
export async function executedNotebooks(
  python: string,
  run = process.env.ALLIANCE_TEST_RUN,
): Promise<{ results: RunResult[]; reused: boolean }> {
  const notebooks = listNotebooks();
  if (run && fs.existsSync(RECORD)) {
    const rec = JSON.parse(fs.readFileSync(RECORD, "utf8")) as Record_;
    const same =
      rec.run === run &&
      rec.results.length === notebooks.length &&
      rec.results.every((r, i) => r.notebook === notebooks[i] && fs.existsSync(r.output));
    if (same) return { results: rec.results, reused: true };
  }
  fs.rmSync(EXECUTED_DIR, { recursive: true, force: true });
  const results = await executeNotebooks(notebooks, path.join(EXECUTED_DIR, "notebooks"), {
    parallel: 2,
    python,
  });
  if (run) writeAtomic(RECORD, JSON.stringify({ run, results } satisfies Record_, null, 1) + "\n");
  return { results, reused: false };
}
