/**
 * `npm run lite`: the course as a static JupyterLite site in `build/lite/`.
 *
 *  1. Python: the Jupyter that scripts/jupyter/env.ts resolves
 *     (`ALLIANCE_PYTHON`, else the project `.venv/`, created when missing)
 *     gets `requirements/lite.txt` (jupyterlite-core, pinned) with its own pip
 *     when `jupyterlite_core` is missing or another version.
 *  2. The kernel extension `lite/kernel/` (its own package.json and lock
 *     file): `npm ci` when its node_modules do not match the lock, `tsc`,
 *     then `jupyter-builder build` (JupyterLab 4.6's extension builder) into
 *     `build/lite-ext/`.
 *  3. The worker `alliance/worker.js`: lite/worker/ plus every module the
 *     notebooks import, bundled for the browser (scripts/lite/bundle.ts).
 *  4. Contents: the ten course notebooks with outputs cleared, in
 *     `notebooks/` as in the repository.
 *  5. `jupyter lite build` (no source maps) with the kernel extension and the
 *     environment's plotly renderer (jupyterlab-plotly, from python plotly).
 *  6. `alliance/`: the TypeScript compiler, the worker, and the files the
 *     library reads (the deposit under data/raw with data/sources.json,
 *     data/panel.csv, references.bib, the library's own sources for the
 *     status table of notebook 00, and build/precomputed/, computed first
 *     when no tslab run left it), listed with their sizes in files.json.
 *
 * The site is written to `build/lite.tmp/` and renamed over `build/lite/`
 * at the end, so a failed build never leaves half a site.
 */
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import * as crypto from "node:crypto";
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { manifest } from "../../lib/io/manifest";
import { ensureJupyter } from "../jupyter/env";
import { ensurePrecomputed } from "../jupyter/execute";
import { bundleWorker } from "./bundle";
import { courseNotebooks } from "./modules";

export const SITE_DIR = path.join(REPO_ROOT, "build", "lite");
const WORK_DIR = path.join(REPO_ROOT, "build", "lite-work");
const KERNEL_DIR = path.join(REPO_ROOT, "lite", "kernel");
const EXT_DIR = path.join(REPO_ROOT, "build", "lite-ext", "alliance-lite-kernel");
const LITE_REQUIREMENTS = path.join(REPO_ROOT, "requirements", "lite.txt");
/** The jupyterlite-core version pinned in requirements/lite.txt. */
export function pinnedLiteVersion(): string {
  const m = /^jupyterlite-core==(\S+)/m.exec(fs.readFileSync(LITE_REQUIREMENTS, "utf8"));
  if (!m) throw new Error("requirements/lite.txt pins no jupyterlite-core");
  return m[1];
}

function run(cmd: string, args: string[], opts: SpawnSyncOptions = {}): void {
  const r = spawnSync(cmd, args, { stdio: "inherit", ...opts });
  if (r.error) throw new Error(`${cmd} could not start: ${r.error.message}`);
  if (r.status !== 0)
    throw new Error(
      `${cmd} ${args.join(" ")} failed (exit ${r.status ?? "none, killed by a signal"})`,
    );
}

/** The Python that gets jupyterlite-core, with it installed at the pinned version. */
export async function litePython(log: (s: string) => void): Promise<string> {
  const jupyter = await ensureJupyter({ level: "execute", log });
  const want = pinnedLiteVersion();
  const probe = spawnSync(
    jupyter.python,
    ["-c", "import jupyterlite_core; print(jupyterlite_core.__version__)"],
    { encoding: "utf8" },
  );
  const have = probe.status === 0 ? probe.stdout.trim() : "";
  if (have !== want) {
    log(
      `lite: installing requirements/lite.txt (jupyterlite-core ${want}${have ? `, found ${have}` : ""}) into ${jupyter.python}`,
    );
    run(jupyter.python, [
      "-m",
      "pip",
      "install",
      "--disable-pip-version-check",
      "-q",
      "-r",
      LITE_REQUIREMENTS,
    ]);
  }
  return jupyter.python;
}

function sha256(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Install lite/kernel's node_modules from its lock file when they are missing or stale. */
function ensureKernelModules(log: (s: string) => void): void {
  const lock = path.join(KERNEL_DIR, "package-lock.json");
  const marker = path.join(KERNEL_DIR, "node_modules", ".alliance-lock.sha256");
  const want = sha256(lock);
  if (fs.existsSync(marker) && fs.readFileSync(marker, "utf8").trim() === want) return;
  log("lite: npm ci in lite/kernel (the kernel extension's own dependencies)");
  run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: KERNEL_DIR });
  fs.writeFileSync(marker, want + "\n");
}

function buildExtension(python: string, log: (s: string) => void): void {
  ensureKernelModules(log);
  log("lite: building the kernel extension (tsc + jupyter-builder)");
  run(path.join(KERNEL_DIR, "node_modules", ".bin", "tsc"), ["-p", "."], { cwd: KERNEL_DIR });
  const builder = path.join(path.dirname(python), "jupyter-builder");
  const args = ["build", "."];
  if (fs.existsSync(builder)) run(builder, args, { cwd: KERNEL_DIR });
  else run(python, ["-m", "jupyter_builder", ...args], { cwd: KERNEL_DIR });
}

interface Notebook {
  cells: {
    cell_type: string;
    outputs?: unknown[];
    execution_count?: number | null;
    metadata?: Record<string, unknown>;
  }[];
  metadata: Record<string, unknown>;
}

/** A notebook with every output and execution count removed. */
export function clearedNotebook(text: string): string {
  const nb = JSON.parse(text) as Notebook;
  for (const c of nb.cells) {
    if (c.cell_type !== "code") continue;
    c.outputs = [];
    c.execution_count = null;
  }
  return JSON.stringify(nb, null, 1) + "\n";
}

/** Files the library may read in the browser, relative to the repository root. */
export function servedFiles(root: string = REPO_ROOT): string[] {
  const out = new Set<string>([
    "data/sources.json",
    "data/panel.csv",
    "references.bib",
    "data/raw/LICENSES.md",
  ]);
  // every deposit file (listed in data/sources.json with its SHA-256) and the notes beside them
  for (const f of manifest().files) out.add(`data/raw/${f.path}`);
  const walkAll = (rel: string): void => {
    for (const d of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      if (d.isDirectory()) walkAll(`${rel}/${d.name}`);
      else out.add(`${rel}/${d.name}`);
    }
  };
  const walk = (rel: string): void => {
    for (const d of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = `${rel}/${d.name}`;
      if (d.isDirectory()) walk(r);
      else if (d.name.endsWith(".ts")) out.add(r);
    }
  };
  walk("lib");
  walkAll("data/raw");
  // results a notebook stores for later runs (written by the tslab run of the notebooks), when present
  if (fs.existsSync(path.join(root, "build", "precomputed"))) walkAll("build/precomputed");
  for (const f of fs.readdirSync(path.join(root, "scripts")))
    if (f.endsWith(".ts")) out.add(`scripts/${f}`);
  return [...out].filter((r) => fs.existsSync(path.join(root, r))).sort();
}

function copyFile(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

export interface SiteReport {
  dir: string;
  notebooks: number;
  servedFiles: number;
  workerBytes: number;
  modules: number;
}

export async function buildSite(
  log: (s: string) => void = (s) => console.error(s),
): Promise<SiteReport> {
  const python = await litePython(log);
  buildExtension(python, log);
  // The slow results the notebooks read back (scripts/precompute.ts: the SYNTHETIC size study of
  // 07 and 09, the bootstrap intervals of 08): computed here when no tslab run left them in build/precomputed/, so the site always
  // ships them and no notebook runs 4 x 1,000 replications in the browser.
  ensurePrecomputed();

  fs.rmSync(WORK_DIR, { recursive: true, force: true });
  const contents = path.join(WORK_DIR, "contents");
  const notebooks = courseNotebooks();
  for (const nb of notebooks) {
    const dest = path.join(contents, "notebooks", path.basename(nb));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, clearedNotebook(fs.readFileSync(nb, "utf8")));
  }

  const tmp = `${SITE_DIR}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  // jupyter_lite_config.json: options without a command-line flag.
  fs.writeFileSync(
    path.join(WORK_DIR, "jupyter_lite_config.json"),
    JSON.stringify(
      { LiteBuildConfig: { federated_extensions: [EXT_DIR], apps: ["lab", "notebooks", "tree"] } },
      null,
      2,
    ),
  );
  // The app object on window (the browser test drives it) and settings that suit the
  // course: every cell in the page (charts draw off screen too), no news pop-up.
  fs.writeFileSync(
    path.join(WORK_DIR, "jupyter-lite.json"),
    JSON.stringify(
      { "jupyter-lite-schema-version": 0, "jupyter-config-data": { exposeAppInBrowser: true } },
      null,
      2,
    ),
  );
  const overrides = path.join(WORK_DIR, "overrides.json");
  fs.writeFileSync(
    overrides,
    JSON.stringify(
      {
        "@jupyterlab/notebook-extension:tracker": { windowingMode: "none" },
        "@jupyterlab/apputils-extension:notification": {
          fetchNews: "false",
          checkForUpdates: false,
        },
      },
      null,
      2,
    ),
  );
  log("lite: jupyter lite build");
  run(
    python,
    [
      "-m",
      "jupyterlite_core",
      "build",
      "--lite-dir",
      WORK_DIR,
      "--contents",
      contents,
      "--output-dir",
      tmp,
      "--no-sourcemaps",
      "--no-unused-shared-packages",
      "--settings-overrides",
      overrides,
    ],
    { cwd: WORK_DIR },
  );

  log("lite: type-checking and bundling the worker (the notebooks' modules for the browser)");
  run(process.execPath, [
    require.resolve("typescript/bin/tsc"),
    "-p",
    path.join(REPO_ROOT, "lite", "worker"),
  ]);
  const alliance = path.join(tmp, "alliance");
  const bundle = await bundleWorker(path.join(alliance, "worker.js"));
  // the compiler, minified (8.8 MB -> about 3.5 MB: less to download and parse at kernel start)
  await esbuild.build({
    entryPoints: [require.resolve("typescript/lib/typescript.js")],
    outfile: path.join(alliance, "typescript.js"),
    minify: true,
    legalComments: "none",
    logLevel: "silent",
  });
  const files: Record<string, number> = {};
  for (const rel of servedFiles()) {
    const from = path.join(REPO_ROOT, rel);
    copyFile(from, path.join(alliance, "repo", rel));
    files[rel] = fs.statSync(from).size;
  }
  fs.writeFileSync(path.join(alliance, "files.json"), JSON.stringify(files, null, 0) + "\n");

  fs.rmSync(SITE_DIR, { recursive: true, force: true });
  fs.renameSync(tmp, SITE_DIR);
  return {
    dir: SITE_DIR,
    notebooks: notebooks.length,
    servedFiles: Object.keys(files).length,
    workerBytes: bundle.bytes,
    modules: bundle.modules.length,
  };
}

if (require.main === module) {
  buildSite().then(
    (r) =>
      console.log(
        `lite: site in ${path.relative(REPO_ROOT, r.dir)}/ with ${r.notebooks} notebooks, ` +
          `${r.modules} library modules in the worker (${(r.workerBytes / 1e6).toFixed(1)} MB), ` +
          `${r.servedFiles} data and source files`,
      ),
    (e: unknown) => {
      console.error(`lite: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
