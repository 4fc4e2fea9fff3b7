/**
 * The Python side of the project: which Jupyter runs the notebooks, and the
 * project-local environment created when there is none.
 *
 * Python is a host, never part of the product (the library, the CLI and the
 * notebooks are TypeScript); Jupyter only runs the tslab kernel and renders.
 *
 * Detection order ({@link findJupyter}), first match wins:
 *
 *   1. `ALLIANCE_PYTHON`: that interpreter, and nothing else. If it lacks a
 *      module, the error names it (no silent fallback).
 *   1b. The Jupyter chosen before: {@link ensureJupyter} records the one it
 *      uses (`ALLIANCE_PYTHON`, or found, or created) in
 *      `.jupyter-local/python.json`, and `lab`, `replicate` and the tests keep
 *      using it, with or without the variable, while it is usable for the
 *      job. Setting `ALLIANCE_PYTHON` to another interpreter chooses again
 *      (and is recorded); deleting the file forgets the choice.
 *   2. The project environment `ALLIANCE_VENV` (default `<repo>/.venv`),
 *      when it is complete: its marker file holds the SHA-256 of
 *      `requirements/jupyter.txt` it was built from.
 *   3. A Jupyter the user already has: the Python behind `jupyter` on PATH,
 *      then `python3` and `python` on PATH.
 *   4. None: {@link ensureJupyter} creates `ALLIANCE_VENV` with
 *      `<host python> -m venv` and `pip install -r requirements/jupyter.txt`
 *      (pinned, from PyPI), then uses it. Nothing is installed globally.
 *
 * "Usable" depends on the job ({@link JupyterLevel}): executing notebooks
 * needs nbconvert, nbclient, jupyter_client and nbformat; JupyterLab
 * additionally needs jupyterlab and the jupyterlab-plotly MIME renderer
 * (shipped by the python `plotly` package).
 *
 * Creation is made restartable: the marker is written last (temp file +
 * rename), so an interrupted creation leaves a folder without a valid marker,
 * which the next run deletes and builds again. A lock folder
 * (`<venv>.lock/`, holding the owner's pid) keeps two processes (e.g. test
 * files run in parallel) from building it at the same time; a lock whose
 * owner is dead is taken over.
 */
import { spawn, spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { writeAtomic } from "./atomicWrite";

/** What the Jupyter is needed for. */
export type JupyterLevel = "execute" | "lab";

/** Python modules per level (import names). */
export const MODULES: Record<JupyterLevel, readonly string[]> = {
  execute: ["nbconvert", "nbclient", "jupyter_client", "nbformat"],
  lab: ["nbconvert", "nbclient", "jupyter_client", "nbformat", "jupyterlab", "plotly"],
};

/** The JupyterLab extension (from the python `plotly` package) that renders application/vnd.plotly.v1+json. */
export const PLOTLY_LABEXTENSION = "jupyterlab-plotly";

/** Oldest Python the pinned requirements install on. */
export const MIN_PYTHON: readonly [number, number] = [3, 9];

export interface JupyterPython {
  /** Interpreter to run Jupyter with (`<python> -m nbconvert`, `-m jupyterlab`). */
  python: string;
  via: "ALLIANCE_PYTHON" | "project venv" | "PATH" | "recorded";
  /** Python version, e.g. "3.11.7". */
  version: string;
}

export interface Probe {
  ok: boolean;
  version: string;
  /** Missing modules, plus "jupyterlab-plotly labextension" when that is missing. */
  missing: string[];
}

/** The pinned requirements file. */
export function requirementsFile(root: string = REPO_ROOT): string {
  return path.join(root, "requirements", "jupyter.txt");
}

/** SHA-256 of the requirements file (what the venv marker records). */
export function requirementsHash(root: string = REPO_ROOT): string {
  return crypto
    .createHash("sha256")
    .update(fs.readFileSync(requirementsFile(root)))
    .digest("hex");
}

/** Folder of the project environment: `ALLIANCE_VENV` or `<root>/.venv`. */
export function venvDir(root: string = REPO_ROOT, env: NodeJS.ProcessEnv = process.env): string {
  return env.ALLIANCE_VENV ? path.resolve(env.ALLIANCE_VENV) : path.join(root, ".venv");
}

/** The interpreter inside a venv folder. */
export function venvPython(dir: string): string {
  return process.platform === "win32"
    ? path.join(dir, "Scripts", "python.exe")
    : path.join(dir, "bin", "python");
}

/** The marker file written after a complete installation. */
export function markerFile(dir: string): string {
  return path.join(dir, ".alliance-requirements.sha256");
}

/** True when `dir` holds a completed installation of the current requirements. */
export function venvComplete(dir: string, root: string = REPO_ROOT): boolean {
  try {
    return (
      fs.readFileSync(markerFile(dir), "utf8").trim() === requirementsHash(root) &&
      fs.existsSync(venvPython(dir))
    );
  } catch {
    return false;
  }
}

const PROBE = `
import importlib.util, json, os, sys
mods = sys.argv[1].split(",")
missing = [m for m in mods if importlib.util.find_spec(m) is None]
if sys.argv[2] == "lab" and not missing:
    from jupyter_core.paths import jupyter_path
    if not any(os.path.isdir(os.path.join(p, "labextensions", "${PLOTLY_LABEXTENSION}")) for p in jupyter_path()):
        missing.append("${PLOTLY_LABEXTENSION} labextension")
print(json.dumps({"version": "%d.%d.%d" % sys.version_info[:3], "missing": missing}))
`;

/** Ask `python` which of the modules of `level` it lacks (no import is run, only located). */
export function probe(python: string, level: JupyterLevel): Probe {
  const r = spawnSync(python, ["-c", PROBE, MODULES[level].join(","), level], {
    encoding: "utf8",
    timeout: 60000,
  });
  if (r.status !== 0 || r.error)
    return { ok: false, version: "", missing: ["(python does not run)"] };
  try {
    const p = JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as {
      version: string;
      missing: string[];
    };
    return { ok: p.missing.length === 0, version: p.version, missing: p.missing };
  } catch {
    return { ok: false, version: "", missing: ["(python printed no probe result)"] };
  }
}

/** Absolute path of `cmd` on PATH, or undefined. */
export function which(cmd: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const f = path.join(dir, cmd);
    try {
      fs.accessSync(f, fs.constants.X_OK);
      if (fs.statSync(f).isFile()) return f;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The interpreter named in the `#!` line of a script (e.g. the `jupyter` launcher), when it is a python. */
export function shebangPython(script: string): string | undefined {
  try {
    const first = fs.readFileSync(script, "utf8").slice(0, 300).split("\n")[0];
    const m = /^#!\s*(\S*python[\d.]*)\s*$/.exec(first);
    return m ? m[1] : undefined;
  } catch {
    return undefined;
  }
}

/** Candidates of step 3 (a Jupyter the user has), in order, without duplicates. */
export function pathCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const jupyter = which("jupyter", env);
  const list = [
    jupyter && shebangPython(jupyter),
    which("python3", env),
    which("python", env),
  ].filter((c): c is string => !!c);
  return [...new Set(list)];
}

/**
 * The Jupyter to use for `level`, following the module's detection order;
 * undefined when none is usable (then {@link ensureJupyter} creates the venv).
 * Throws when `ALLIANCE_PYTHON` is set but unusable.
 */
/** Where the chosen Jupyter is recorded: `<root>/.jupyter-local/python.json` (git-ignored). */
export function choiceFile(root: string = REPO_ROOT): string {
  return path.join(root, ".jupyter-local", "python.json");
}

/** The recorded choice, if any: `{ python, via }` as {@link ensureJupyter} wrote it. */
export function recordedJupyter(
  root: string = REPO_ROOT,
): { python: string; via: string } | undefined {
  try {
    const r = JSON.parse(fs.readFileSync(choiceFile(root), "utf8")) as {
      python?: unknown;
      via?: unknown;
    };
    return typeof r.python === "string"
      ? { python: r.python, via: typeof r.via === "string" ? r.via : "" }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Record the Jupyter in use (not when it came from the record itself). */
export function recordJupyter(j: JupyterPython, root: string = REPO_ROOT): void {
  if (j.via === "recorded") return;
  const prev = recordedJupyter(root);
  if (prev && prev.python === j.python && prev.via === j.via) return;
  writeAtomic(
    choiceFile(root),
    JSON.stringify({ python: j.python, via: j.via, version: j.version }, null, 1) + "\n",
  );
}

export function findJupyter(
  level: JupyterLevel,
  env: NodeJS.ProcessEnv = process.env,
  root: string = REPO_ROOT,
): JupyterPython | undefined {
  if (!env.ALLIANCE_PYTHON) {
    const rec = recordedJupyter(root);
    if (rec) {
      const p = probe(rec.python, level);
      if (p.ok) return { python: rec.python, via: "recorded", version: p.version };
    }
  }
  if (env.ALLIANCE_PYTHON) {
    const p = probe(env.ALLIANCE_PYTHON, level);
    if (!p.ok) {
      throw new Error(
        `ALLIANCE_PYTHON=${env.ALLIANCE_PYTHON} cannot run Jupyter here: missing ${p.missing.join(", ")}. ` +
          `Install them into it (pip install -r requirements/jupyter.txt) or unset ALLIANCE_PYTHON to use the project environment.`,
      );
    }
    return { python: env.ALLIANCE_PYTHON, via: "ALLIANCE_PYTHON", version: p.version };
  }
  const dir = venvDir(root, env);
  if (venvComplete(dir, root)) {
    const p = probe(venvPython(dir), level);
    if (p.ok) return { python: venvPython(dir), via: "project venv", version: p.version };
  }
  for (const c of pathCandidates(env)) {
    const p = probe(c, level);
    if (p.ok) return { python: c, via: "PATH", version: p.version };
  }
  return undefined;
}

export interface HostPython {
  python: string;
  version: string;
}

export interface HostDiagnosis {
  host?: HostPython;
  /** What is wrong, one line per candidate, with how to get it. */
  problems: string[];
}

const HOST_PROBE = `
import importlib.util, sys
print("%d.%d.%d" % sys.version_info[:3], ",".join(m for m in ("venv", "ensurepip") if importlib.util.find_spec(m) is None))
`;

/** How to get Python with venv and pip, per platform. */
export const PYTHON_HELP =
  "Debian/Ubuntu: apt-get install python3 python3-venv; macOS: brew install python; " +
  "Windows: the installer from python.org. Or install JupyterLab yourself and set ALLIANCE_PYTHON.";

/**
 * The Python 3 that can create the project venv: `python3`, `python`, then
 * /usr/bin/python3; it needs version >= 3.9 and the modules venv and
 * ensurepip (which puts pip into the venv). When none fits, each problem is
 * named with how to fix it.
 */
export function findHostPython(env: NodeJS.ProcessEnv = process.env): HostDiagnosis {
  const candidates = [
    ...new Set(
      [which("python3", env), which("python", env), "/usr/bin/python3"].filter(
        (c): c is string => !!c && fs.existsSync(c),
      ),
    ),
  ];
  const problems: string[] = [];
  if (candidates.length === 0)
    problems.push(
      `python: no python3 or python on PATH. Install Python 3 (>= ${MIN_PYTHON.join(".")}): ${PYTHON_HELP}`,
    );
  for (const c of candidates) {
    const r = spawnSync(c, ["-c", HOST_PROBE], { encoding: "utf8", timeout: 30000 });
    if (r.status !== 0) {
      problems.push(
        `${c}: does not run (${(r.stderr || String(r.error ?? "")).trim().split("\n").pop() ?? ""})`,
      );
      continue;
    }
    const [version, missingList = ""] = r.stdout.trim().split(" ");
    const [maj, min] = version.split(".").map(Number);
    if (maj !== MIN_PYTHON[0] || min < MIN_PYTHON[1]) {
      problems.push(
        `${c}: Python ${version} is too old; need >= ${MIN_PYTHON.join(".")}. ${PYTHON_HELP}`,
      );
      continue;
    }
    const missing = missingList.split(",").filter(Boolean);
    if (missing.includes("venv"))
      problems.push(
        `${c}: Python ${version} has no 'venv' module. Debian/Ubuntu: apt-get install python3-venv`,
      );
    else if (missing.includes("ensurepip"))
      problems.push(
        `${c}: Python ${version} has no 'ensurepip', so a venv would get no pip. Debian/Ubuntu: apt-get install python3-venv`,
      );
    else return { host: { python: c, version }, problems };
  }
  return { problems };
}

/** Progress of a pip install read from its output lines. */
export interface PipProgress {
  collected: number;
  downloaded: number;
  /** Set once pip prints "Installing collected packages". */
  installing: boolean;
}

/** Update `p` from one line of `pip install` output; returns true when something changed. */
export function pipLine(p: PipProgress, line: string): boolean {
  if (/^\s*(?:Collecting|Processing) /.test(line)) {
    p.collected++;
    return true;
  }
  if (/^\s*Downloading /.test(line)) {
    p.downloaded++;
    return false;
  }
  if (/^Installing collected packages/.test(line)) {
    p.installing = true;
    return true;
  }
  return false;
}

/** Number of requirement lines (packages) in a requirements file. */
export function requirementCount(file: string): number {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.trim().startsWith("#")).length;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Take `<dir>.lock` (waiting while a live process holds it); returns the release function. */
async function lock(dir: string, log: (s: string) => void): Promise<() => void> {
  const lockDir = `${dir}.lock`;
  const pidFile = path.join(lockDir, "pid");
  let told = false;
  for (let waited = 0; ; waited += 1000) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(pidFile, String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    let owner = NaN;
    try {
      owner = Number(fs.readFileSync(pidFile, "utf8"));
    } catch {
      // being written: wait
    }
    if (Number.isFinite(owner) && owner > 0 && !isAlive(owner)) {
      log(`jupyter: removing a stale lock ${lockDir} (pid ${owner} is gone)`);
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!told) {
      log(`jupyter: another process (pid ${owner}) is creating ${dir}; waiting`);
      told = true;
    }
    if (waited > 30 * 60_000)
      throw new Error(`waited 30 min for ${lockDir}; remove it if no install is running`);
    await sleep(1000);
  }
}

export interface EnsureOptions {
  level?: JupyterLevel;
  env?: NodeJS.ProcessEnv;
  root?: string;
  /** Progress lines (default: console.error). */
  log?: (line: string) => void;
}

/**
 * The Jupyter to use for `level`; when none is found, create the project venv
 * from requirements/jupyter.txt first (printing progress) and return it.
 * Throws with a message naming what is missing (python, venv, pip, PyPI).
 */
export async function ensureJupyter(opts: EnsureOptions = {}): Promise<JupyterPython> {
  const level = opts.level ?? "execute";
  const env = opts.env ?? process.env;
  const root = opts.root ?? REPO_ROOT;
  const log = opts.log ?? ((s: string) => console.error(s));
  const found = findJupyter(level, env, root);
  if (found) {
    recordJupyter(found, root);
    return found;
  }
  const dir = venvDir(root, env);
  const release = await lock(dir, log);
  try {
    // Another process may have finished it while we waited.
    if (venvComplete(dir, root)) {
      const p = probe(venvPython(dir), level);
      if (p.ok) return { python: venvPython(dir), via: "project venv", version: p.version };
    }
    await createVenv(dir, root, env, log);
    const p = probe(venvPython(dir), level);
    if (!p.ok)
      throw new Error(
        `${dir} was created but still lacks ${p.missing.join(", ")}; check ${requirementsFile(root)}`,
      );
    const made: JupyterPython = {
      python: venvPython(dir),
      via: "project venv",
      version: p.version,
    };
    recordJupyter(made, root);
    return made;
  } finally {
    release();
  }
}

/** Build the venv at `dir` (removing an incomplete one first). Call with the lock held. */
async function createVenv(
  dir: string,
  root: string,
  env: NodeJS.ProcessEnv,
  log: (s: string) => void,
): Promise<void> {
  const host = findHostPython(env);
  if (!host.host) {
    throw new Error(
      `no usable Jupyter was found, and no Python can create the project environment ${dir}:\n  ${host.problems.join("\n  ")}`,
    );
  }
  if (fs.existsSync(dir)) {
    const looksLikeVenv =
      fs.existsSync(path.join(dir, "pyvenv.cfg")) || fs.readdirSync(dir).length === 0;
    if (!looksLikeVenv)
      throw new Error(
        `${dir} exists and is not a Python venv; move it away or set ALLIANCE_VENV to another folder`,
      );
    log(`jupyter: ${dir} is incomplete (interrupted, or requirements changed): removing it`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const reqs = requirementsFile(root);
  const total = requirementCount(reqs);
  const t0 = Date.now();
  log(
    `jupyter: no usable Jupyter found; creating ${shown(dir, root)} with ${host.host.python} (Python ${host.host.version})`,
  );
  const v = spawnSync(host.host.python, ["-m", "venv", dir], { encoding: "utf8" });
  if (v.status !== 0)
    throw new Error(`${host.host.python} -m venv ${dir} failed:\n${v.stderr}\n${PYTHON_HELP}`);
  log(
    `jupyter: installing ${total} pinned packages from ${path.relative(root, reqs)} (pip, from PyPI; about 1-3 minutes)`,
  );
  const logFile = path.join(dir, "pip-install.log");
  const out = fs.openSync(logFile, "w");
  const progress: PipProgress = { collected: 0, downloaded: 0, installing: false };
  let lastShown = 0;
  const code = await new Promise<number | null>((resolve, reject) => {
    const p = spawn(
      venvPython(dir),
      [
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "--no-input",
        "--progress-bar",
        "off",
        "-r",
        reqs,
      ],
      {
        env: { ...env, PIP_REQUIRE_VIRTUALENV: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let buf = "";
    const onData = (d: Buffer): void => {
      fs.writeSync(out, d);
      buf += d.toString();
      const lines = buf.split("\n");
      buf = lines.pop() ?? "";
      for (const line of lines) {
        if (!pipLine(progress, line)) continue;
        const pct = Math.floor((100 * progress.collected) / total);
        if (progress.installing)
          log(
            `jupyter:   collected ${progress.collected} packages (${progress.downloaded} downloaded); installing them`,
          );
        else if (pct >= lastShown + 20) {
          lastShown = pct - (pct % 20);
          log(`jupyter:   collected ${progress.collected}/${total} packages (${pct}%)`);
        }
      }
    };
    p.stdout.on("data", onData);
    p.stderr.on("data", onData);
    p.on("error", reject);
    p.on("close", resolve);
  });
  fs.closeSync(out);
  if (code !== 0) {
    const tail = fs.readFileSync(logFile, "utf8").trim().split("\n").slice(-15).join("\n");
    throw new Error(
      `pip install -r ${reqs} failed (exit ${code ?? "none, killed by a signal"}); full log: ${logFile}\n${tail}\n` +
        `If PyPI is unreachable, set PIP_INDEX_URL to a mirror, or install JupyterLab yourself and set ALLIANCE_PYTHON. ` +
        `The incomplete ${dir} is rebuilt on the next run.`,
    );
  }
  writeAtomic(markerFile(dir), requirementsHash(root) + "\n");
  log(
    `jupyter: ${shown(dir, root)} ready in ${((Date.now() - t0) / 1000).toFixed(0)} s (${dirSizeMb(dir).toFixed(0)} MB)`,
  );
}

/** `p` relative to `root` when inside it, else absolute. */
function shown(p: string, root: string): string {
  const r = path.relative(root, p);
  return r && !r.startsWith("..") && !path.isAbsolute(r) ? r : p;
}

/** Size of a folder tree in MB (files only). */
export function dirSizeMb(dir: string): number {
  let bytes = 0;
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (e.isFile()) bytes += fs.statSync(f).size;
    }
  };
  walk(dir);
  return bytes / 1e6;
}

/** One line saying which Jupyter is used and why (for logs). */
export function describeJupyter(j: JupyterPython): string {
  const how = {
    PATH: "found on PATH",
    ALLIANCE_PYTHON: "from ALLIANCE_PYTHON",
    "project venv": "project environment",
    recorded: "chosen before, .jupyter-local/python.json",
  }[j.via];
  return `${j.python} (Python ${j.version}, ${how})`;
}
