/**
 * Prerequisites of `npm run replicate` and the notebook tests, each with the
 * command that installs it when it is missing (Debian packages as in
 * DEVELOPERS.md; pip elsewhere).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/dataRoot";

export interface Prerequisite {
  name: string;
  ok: boolean;
  /** What was found (a path or version) or what is wrong. */
  detail: string;
  /** How to install it when missing. */
  install: string;
}

const APT_JUPYTER =
  "apt-get install -y --no-install-recommends jupyter-notebook jupyter-nbconvert python3-nbconvert python3-nbclient python3-ipykernel jupyter-client jupyter-nbformat";
const PIP_JUPYTER = "pip install nbconvert nbclient jupyter_client nbformat (or: pip install jupyterlab nbconvert)";

/** Python modules the notebook runner needs. */
const PY_MODULES = ["nbconvert", "nbclient", "jupyter_client", "nbformat"];

function pythonHas(python: string, modules: readonly string[]): boolean {
  const r = spawnSync(python, ["-c", `import ${modules.join(", ")}`], { encoding: "utf8", timeout: 30000 });
  return r.status === 0;
}

/**
 * The first Python 3 that can import nbconvert, nbclient, jupyter_client and
 * nbformat: $ALLIANCE_PYTHON, then /usr/bin/python3 (Debian's, which the apt
 * packages go into), then python3 and python on PATH.
 */
export function findPython(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.ALLIANCE_PYTHON, "/usr/bin/python3", "python3", "python"].filter((c): c is string => !!c);
  for (const c of candidates) if (pythonHas(c, PY_MODULES)) return c;
  return undefined;
}

/** Check everything; `ok` is false for each missing piece, with how to install it. */
export function checkPrerequisites(opts: { browser?: boolean } = {}): Prerequisite[] {
  const out: Prerequisite[] = [];
  const nm = path.join(REPO_ROOT, "node_modules");
  const tslab = path.join(nm, "tslab", "bin", "tslab");
  out.push({ name: "node_modules (tslab, plotly.js)", ok: fs.existsSync(tslab) && fs.existsSync(path.join(nm, "plotly.js-dist-min")), detail: nm, install: "npm ci" });
  const py = findPython();
  out.push({
    name: "python3 with nbconvert, nbclient, jupyter_client, nbformat",
    ok: !!py,
    detail: py ?? "no python3 on PATH (or /usr/bin/python3) can import them",
    install: `Debian: ${APT_JUPYTER}; elsewhere: ${PIP_JUPYTER}; or point ALLIANCE_PYTHON at a python that has them`,
  });
  const nbc = spawnSync("jupyter-nbconvert", ["--version"], { encoding: "utf8", timeout: 30000 });
  out.push({
    name: "jupyter-nbconvert",
    ok: nbc.status === 0,
    detail: nbc.status === 0 ? `version ${nbc.stdout.trim()}` : "not on PATH",
    install: `Debian: ${APT_JUPYTER}; elsewhere: ${PIP_JUPYTER}`,
  });
  if (opts.browser) {
    const exe = chromiumPath();
    out.push({ name: "chromium (browser check)", ok: !!exe, detail: exe ?? "not found", install: "Debian: apt-get install -y chromium; or set CHROMIUM_PATH" });
  }
  return out;
}

/** Path of a Chromium binary: $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const c of [env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (c && fs.existsSync(c)) return c;
  return undefined;
}

/** One line per prerequisite, with the install hint for missing ones. */
export function formatPrerequisites(ps: readonly Prerequisite[]): string {
  return ps.map((p) => (p.ok ? `  ok       ${p.name}: ${p.detail}` : `  MISSING  ${p.name}: ${p.detail}\n           install: ${p.install}`)).join("\n");
}
