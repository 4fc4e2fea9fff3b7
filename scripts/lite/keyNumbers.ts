/**
 * The key numbers the browser run must reproduce, and the same numbers from
 * Node. Each probe is code run in the notebook's kernel after Run All (so it
 * reads the notebook's own variables) and prints one JSON value:
 *
 *   00  the data status: per source, how many deposit files match their
 *       SHA-256 (read through the site's file layer in the browser);
 *   03  the S scores with the US of every ally-session (`dy`, Eq. 2);
 *   06  Table 1 as the notebook computes it (`t1`, winsorized pooled 1/99);
 *   08  model (7) on the Huawei stance: every coefficient and its clustered
 *       SE (Stata small-sample convention, the notebook's `m7`).
 *
 * The Node side runs the same notebook's code cells in Node with the
 * project's library (scripts/lite/nodeRun.ts; the code tslab runs), then the
 * same probe, so both sides print the same structure.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";

export interface Probe {
  what: string;
  code: string;
  /** Fewest numbers the probe's value must hold (a probe that compares nothing must fail). */
  minNumbers: number;
}

export const PROBES: Partial<Record<string, Probe>> = {
  "notebooks/00-overview.ipynb": {
    what: "data status: deposit files whose SHA-256 matches data/sources.json, per source (notebook 00)",
    code: "console.log(JSON.stringify(status.map((s) => [s.source, s.filesOk, s.moduleReady])));",
    minNumbers: 0,
  },
  "notebooks/03-political-identity.ipynb": {
    what: "S scores with the US by ally and session (notebook 03)",
    code: "console.log(JSON.stringify(dy.map((r) => [r.iso3, r.session, r.s])));",
    minNumbers: 100,
  },
  "notebooks/06-panel.ipynb": {
    what: "Table 1, winsorized pooled 1/99 (notebook 06)",
    code: "console.log(JSON.stringify(t1));",
    minNumbers: 20,
  },
  "notebooks/08-hypotheses.ipynb": {
    what: "model (7), Huawei stance: coefficients and clustered SEs (notebook 08)",
    code: "console.log(JSON.stringify(m7.terms.map((t) => [t, coeftable(m7)[t].estimate, coeftable(m7)[t].std_error])));",
    minNumbers: 20,
  },
};

/** Run the notebook's code cells and then `probe` in Node (a child process); its printed output. */
export function nodeProbe(notebook: string, probe: string): string {
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(REPO_ROOT, "scripts", "lite", "nodeRun.ts"),
      path.join(REPO_ROOT, notebook),
      probe,
    ],
    { cwd: REPO_ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`node run of ${notebook} failed: ${r.stderr.slice(-2000)}`);
  const marker = r.stdout.lastIndexOf("\n@@probe@@\n");
  if (marker < 0) throw new Error(`node run of ${notebook} printed no probe output`);
  return r.stdout.slice(marker + "\n@@probe@@\n".length).trim();
}

/**
 * Differences between two JSON values: numbers must agree to `tol` times
 * max(1, |expected|) (absolute below 1, relative above), everything else
 * exactly. Returns at most 20 descriptions (empty: equal).
 */
export function numberDiffs(
  actual: unknown,
  expected: unknown,
  tol: number,
  where = "$",
  out: string[] = [],
): string[] {
  if (out.length >= 20) return out;
  if (typeof expected === "number" && typeof actual === "number") {
    if (!(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected))))
      out.push(`${where}: ${actual} vs ${expected}`);
  } else if (Array.isArray(expected) && Array.isArray(actual)) {
    if (actual.length !== expected.length)
      out.push(`${where}: length ${actual.length} vs ${expected.length}`);
    else expected.forEach((e, i) => numberDiffs(actual[i], e, tol, `${where}[${i}]`, out));
  } else if (expected && typeof expected === "object" && actual && typeof actual === "object") {
    const ek = Object.keys(expected).sort();
    const ak = Object.keys(actual).sort();
    if (ek.join() !== ak.join()) out.push(`${where}: keys ${ak.join(",")} vs ${ek.join(",")}`);
    else
      for (const k of ek)
        numberDiffs(
          (actual as Record<string, unknown>)[k],
          (expected as Record<string, unknown>)[k],
          tol,
          `${where}.${k}`,
          out,
        );
  } else if (actual !== expected) {
    out.push(`${where}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
  }
  return out;
}

/** How many numbers a JSON value holds (a probe that compares nothing must fail). */
export function countNumbers(v: unknown): number {
  if (typeof v === "number") return 1;
  if (Array.isArray(v)) return v.reduce((a: number, x) => a + countNumbers(x), 0);
  if (v && typeof v === "object")
    return Object.values(v).reduce((a: number, x) => a + countNumbers(x), 0);
  return 0;
}
