/**
 * Read CSV files with `pandas.read_csv` and its defaults, from the project's
 * Python: ALLIANCE_PYTHON, else the project environment (ALLIANCE_VENV or
 * .venv), else python3 / python on PATH (the order of scripts/jupyter/env.ts),
 * the first that can import pandas (pinned in requirements/oracle.txt).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { pathCandidates, venvDir, venvPython } from "../../scripts/jupyter/env";

/** The first Python that imports pandas, or undefined. */
export function pandasPython(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const venv = venvPython(venvDir(undefined, env));
  const candidates = [
    env.ALLIANCE_PYTHON,
    fs.existsSync(venv) ? venv : undefined,
    ...pathCandidates(env),
  ].filter((c): c is string => !!c);
  for (const c of [...new Set(candidates)]) {
    const r = spawnSync(c, ["-c", "import pandas"], { encoding: "utf8" });
    if (r.status === 0) return c;
  }
  return undefined;
}

/** What pandas made of one file: its columns, shape, dtypes and values (NaN as null). */
export interface PandasFrame {
  columns: string[];
  shape: [number, number];
  dtypes: string[];
  rows: (string | number | boolean | null)[][];
}

const SCRIPT = `
import json, math, sys
import pandas as pd
out = []
for f in sys.argv[1:]:
    df = pd.read_csv(f)
    def cell(v):
        if hasattr(v, "item"):
            v = v.item()
        if isinstance(v, float) and math.isnan(v):
            return None
        return v
    out.append({
        "columns": [str(c) for c in df.columns],
        "shape": list(df.shape),
        "dtypes": [str(t) for t in df.dtypes],
        "rows": [[cell(v) for v in row] for row in df.itertuples(index=False, name=None)],
    })
json.dump(out, sys.stdout)
`;

/** `pandas.read_csv(f)` with no options for each file (one Python process). */
export function readWithPandas(python: string, files: readonly string[]): PandasFrame[] {
  const r = spawnSync(python, ["-c", SCRIPT, ...files], {
    encoding: "utf8",
    maxBuffer: 256 * 2 ** 20,
  });
  if (r.status !== 0)
    throw new Error(`pandas.read_csv failed (exit ${String(r.status)}): ${r.stderr}`);
  return JSON.parse(r.stdout) as PandasFrame[];
}
