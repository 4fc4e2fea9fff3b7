/**
 * Prerequisites of `npm run replicate`, `npm run lab` and the notebook tests,
 * each with how to get it when it is missing.
 *
 * Jupyter itself is not a prerequisite the user installs: when none is found,
 * scripts/jupyter/env.ts creates the project environment `.venv/` from
 * requirements/jupyter.txt. What must be there is a Python 3 that can create
 * it (venv + ensurepip/pip), and node_modules.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { describeJupyter, findHostPython, findJupyter, venvDir, type JupyterLevel } from "./env";

export interface Prerequisite {
  name: string;
  ok: boolean;
  /** What was found (a path or version) or what is wrong. */
  detail: string;
  /** How to install it when missing. */
  install: string;
}

/**
 * Check everything for a job at `level` (default "execute"); `ok` is false for
 * each missing piece, with how to get it. A missing Jupyter is fine when a
 * host Python can create the project environment.
 */
export function checkPrerequisites(
  opts: { browser?: boolean; level?: JupyterLevel; env?: NodeJS.ProcessEnv } = {},
): Prerequisite[] {
  const env = opts.env ?? process.env;
  const out: Prerequisite[] = [];
  const nm = path.join(REPO_ROOT, "node_modules");
  const tslab = path.join(nm, "tslab", "bin", "tslab");
  out.push({
    name: "node_modules (tslab, plotly.js)",
    ok: fs.existsSync(tslab) && fs.existsSync(path.join(nm, "plotly.js-dist-min")),
    detail: nm,
    install: "npm ci",
  });
  let jupyterDetail: string;
  let jupyterOk = true;
  let install = "";
  try {
    const j = findJupyter(opts.level ?? "execute", env);
    if (j) jupyterDetail = describeJupyter(j);
    else {
      const host = findHostPython(env);
      if (host.host)
        jupyterDetail = `none found; will create ${path.relative(REPO_ROOT, venvDir(REPO_ROOT, env)) || venvDir(REPO_ROOT, env)} from requirements/jupyter.txt with ${host.host.python} (Python ${host.host.version})`;
      else {
        jupyterOk = false;
        jupyterDetail = "none found, and no Python can create the project environment";
        install = host.problems.join("\n           ");
      }
    }
  } catch (e) {
    jupyterOk = false;
    jupyterDetail = (e as Error).message;
    install = "fix or unset ALLIANCE_PYTHON";
  }
  out.push({
    name: "Jupyter (nbconvert, nbclient; JupyterLab for `npm run lab`)",
    ok: jupyterOk,
    detail: jupyterDetail,
    install,
  });
  if (opts.browser) {
    const exe = chromiumPath(env);
    out.push({
      name: "chromium (browser checks)",
      ok: !!exe,
      detail: exe ?? "not found",
      install: "Debian: apt-get install -y chromium; or set CHROMIUM_PATH",
    });
  }
  return out;
}

/** Path of a Chromium binary: $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const c of [env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"])
    if (c && fs.existsSync(c)) return c;
  return undefined;
}

/** One line per prerequisite, with the install hint for missing ones. */
export function formatPrerequisites(ps: readonly Prerequisite[]): string {
  return ps
    .map((p) =>
      p.ok
        ? `  ok       ${p.name}: ${p.detail}`
        : `  MISSING  ${p.name}: ${p.detail}\n           install: ${p.install}`,
    )
    .join("\n");
}
