/**
 * The project-local tslab kernelspec and the Jupyter environment that uses it.
 *
 * `registerKernel()` writes `.jupyter-local/share/jupyter/kernels/tslab-alliance/kernel.json`
 * inside the repository (git-ignored) and nothing anywhere else: no
 * `--user`, no system prefix. The kernelspec is what `tslab install --prefix`
 * would write, except that argv starts `scripts/jupyter/tslab-kernel.sh`, which
 * cds to the repository root before starting tslab. tslab compiles cells with
 * rootDir = its working directory, so this is what lets a notebook in
 * notebooks/ `import { ... } from "./lib/..."`.
 *
 * `jupyterEnv()` returns the environment under which Jupyter finds that
 * kernelspec (`JUPYTER_PATH`) and keeps its runtime files (connection files)
 * under `.jupyter-local/` too.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { freshKernel } from "../../bin/bundle";
import {
  checkTypeScriptCache,
  TYPESCRIPT,
  typescriptCachePath,
} from "../../bin/typescriptCodeCache";
import {
  checkKernelSnapshot,
  kernelSnapshotPath,
  writeKernelSnapshot,
} from "../../bin/kernelSnapshot";

/** Kernel name written into every notebook's metadata. */
export const KERNEL_NAME = "tslab-alliance";
export const KERNEL_DISPLAY_NAME = "TypeScript (alliance)";

export interface KernelPaths {
  /** The prefix: `<repo>/.jupyter-local`. */
  prefix: string;
  /** What JUPYTER_PATH must contain: `<prefix>/share/jupyter`. */
  jupyterPath: string;
  /** Folder of the kernelspec. */
  specDir: string;
  /** The kernel start script (repo-relative location: scripts/jupyter/tslab-kernel.sh). */
  wrapper: string;
}

export function kernelPaths(root: string = REPO_ROOT): KernelPaths {
  const prefix = path.join(root, ".jupyter-local");
  const jupyterPath = path.join(prefix, "share", "jupyter");
  return {
    prefix,
    jupyterPath,
    specDir: path.join(jupyterPath, "kernels", KERNEL_NAME),
    wrapper: path.join(root, "scripts", "jupyter", "tslab-kernel.sh"),
  };
}

/** The kernel.json content for a repository at `root`. */
export function kernelSpec(root: string = REPO_ROOT): {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: string;
} {
  return {
    argv: ["/bin/sh", kernelPaths(root).wrapper, "kernel", "--config-path", "{connection_file}"],
    display_name: KERNEL_DISPLAY_NAME,
    language: "typescript",
    interrupt_mode: "signal",
  };
}

/**
 * JupyterLab settings of the project (user settings under
 * `<root>/.jupyter-local/config/lab/user-settings`, which is where Lab looks
 * with JUPYTER_CONFIG_DIR of {@link jupyterEnv}): no "Would you like to get
 * notified about official Jupyter news?" pop-up and no update check
 * (`@jupyterlab/apputils-extension:notification`, JupyterLab 4 schema:
 * `fetchNews` "false" = Never, `checkForUpdates` false).
 */
export const LAB_SETTINGS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  "@jupyterlab/apputils-extension/notification": { fetchNews: "false", checkForUpdates: false },
};

/**
 * Write {@link LAB_SETTINGS} into `dir` (a Lab user-settings folder), each as
 * `<plugin>.jupyterlab-settings`. A settings file that exists is the user's:
 * it is left as it is (changes made in Lab's Settings editor stay). Returns
 * the files written.
 */
export function writeLabSettings(
  dir: string = path.join(kernelPaths().prefix, "config", "lab", "user-settings"),
): string[] {
  const written: string[] = [];
  for (const [plugin, values] of Object.entries(LAB_SETTINGS)) {
    const file = path.join(dir, `${plugin}.jupyterlab-settings`);
    if (fs.existsSync(file)) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(values, null, 2) + "\n");
    written.push(file);
  }
  return written;
}

/**
 * The kernel's compiled library (dist/kernel, scripts/buildKernel.ts), rebuilt
 * when lib/ changed since the last build, so that `lab`, `replicate`, the tests
 * and the benchmark run the kernel on the fast path (scripts/jupyter/tslab-kernel.sh);
 * then the TypeScript code cache ({@link ensureTypeScriptCache}) and the
 * kernel's snapshot ({@link ensureKernelSnapshot}). Returns what it found or did.
 */
export function ensureKernelBuild(
  root: string = REPO_ROOT,
  log: (s: string) => void = () => undefined,
): { rebuilt: boolean; why: string } {
  const k = kernelBuild(root, log);
  const c = ensureTypeScriptCache(root, log);
  const s = ensureKernelSnapshot(root, log);
  return { rebuilt: k.rebuilt || c.rebuilt || s.rebuilt, why: `${k.why}; ${c.why}; ${s.why}` };
}

/** The SHA-256 of dist/kernel/manifest.json: what the snapshot's library declarations were made from. */
const kernelManifestHash = (dir: string): string =>
  createHash("sha256")
    .update(fs.readFileSync(path.join(dir, "manifest.json")))
    .digest("hex");

/**
 * The kernel's startup snapshot (bin/kernelSnapshot.js: TypeScript with the
 * declaration files a notebook sees already parsed and bound), written to
 * dist/tslab/ when it is missing, does not fit this Node, TypeScript or
 * folder, or was made from another build of dist/kernel/ (about 5 s). Only
 * for the fast path: while dist/kernel/ is stale the kernel starts without.
 * When Node cannot build it, `log` says why and the kernel starts without.
 */
export function ensureKernelSnapshot(
  root: string = REPO_ROOT,
  log: (s: string) => void = () => undefined,
): { rebuilt: boolean; why: string } {
  const dir = freshKernel(root).dir;
  if (!dir) return { rebuilt: false, why: "no kernel snapshot: dist/kernel/ is not fresh" };
  const blob = kernelSnapshotPath(root);
  const manifest = kernelManifestHash(dir);
  const c = checkKernelSnapshot(blob, TYPESCRIPT, dir);
  if (c.ok && c.record?.kernelManifest === manifest)
    return { rebuilt: false, why: "kernel snapshot dist/tslab/ fits" };
  const why = c.ok ? "dist/kernel/ was rebuilt since" : c.why;
  log(`kernel: writing its snapshot (${why}) ...`);
  let r: ReturnType<typeof writeKernelSnapshot>;
  try {
    r = writeKernelSnapshot(blob, {
      typescript: TYPESCRIPT,
      tslabDir: path.dirname(require.resolve("tslab/package.json")),
      front: "./lib/seminar",
      cwd: dir,
      made: { kernelManifest: manifest },
    });
  } catch (e) {
    // the kernel runs without it (slower start); say so and go on
    const failed = `no kernel snapshot: ${e instanceof Error ? e.message : String(e)}`;
    log(`kernel: ${failed}`);
    return { rebuilt: false, why: failed };
  }
  return {
    rebuilt: true,
    why: `kernel snapshot dist/tslab/ written (${(r.bytes / 1e6).toFixed(0)} MB, ${r.files} declaration files) in ${(r.ms / 1000).toFixed(1)} s`,
  };
}

function kernelBuild(root: string, log: (s: string) => void): { rebuilt: boolean; why: string } {
  const f = freshKernel(root);
  if (f.dir) return { rebuilt: false, why: "compiled library dist/kernel/ is fresh" };
  log(`kernel: rebuilding dist/kernel/ (${f.why}) ...`);
  const t0 = Date.now();
  // loaded here only: the TypeScript compiler takes a while to load
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load inside a synchronous function
  (require("../buildKernel") as typeof import("../buildKernel")).buildKernel(
    path.join(root, "dist", "kernel"),
  );
  return {
    rebuilt: true,
    why: `compiled library dist/kernel/ rebuilt (${f.why}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  };
}

/**
 * V8's code cache of tslab's TypeScript compiler (bin/typescriptCodeCache.js:
 * a kernel's first cells then run with the compiler's functions already
 * compiled), written to dist/tslab/ when it is missing or does not fit the
 * installed TypeScript and this Node: a child process converts every code
 * cell of notebooks/ once in the folder the kernel starts in (about 8 s).
 */
export function ensureTypeScriptCache(
  root: string = REPO_ROOT,
  log: (s: string) => void = () => undefined,
): { rebuilt: boolean; why: string } {
  const cache = typescriptCachePath(root);
  const c = checkTypeScriptCache(cache);
  if (c.ok) return { rebuilt: false, why: "TypeScript code cache dist/tslab/ fits" };
  log(
    `kernel: writing TypeScript's code cache (${c.why}): converting the notebooks' cells once ...`,
  );
  const made = spawnSync(
    process.execPath,
    [path.join(root, "bin", "typescriptCodeCache.js"), cache, path.join(root, "notebooks")],
    { cwd: freshKernel(root).dir ?? root, encoding: "utf8" },
  );
  if (made.status !== 0)
    throw new Error(
      `writing ${cache} failed (status ${String(made.status)}): ${made.stderr.trim()}`,
    );
  const r = JSON.parse(made.stdout) as { bytes: number; cells: number; ms: number };
  return {
    rebuilt: true,
    why: `TypeScript code cache dist/tslab/ written (${(r.bytes / 1e6).toFixed(1)} MB, ${r.cells} cells) in ${(r.ms / 1000).toFixed(1)} s`,
  };
}

/** Write the kernelspec under `<root>/.jupyter-local` (idempotent) and the project's Lab settings. Returns the paths. */
export function registerKernel(root: string = REPO_ROOT): KernelPaths {
  const p = kernelPaths(root);
  const tslabBin = path.join(root, "node_modules", "tslab", "bin", "tslab");
  if (!fs.existsSync(tslabBin))
    throw new Error(`tslab is not installed (${tslabBin} missing): run npm ci`);
  fs.mkdirSync(p.specDir, { recursive: true });
  fs.writeFileSync(
    path.join(p.specDir, "kernel.json"),
    JSON.stringify(kernelSpec(root), null, 2) + "\n",
  );
  writeLabSettings(path.join(p.prefix, "config", "lab", "user-settings"));
  return p;
}

/**
 * Environment for running Jupyter with the local kernelspec, writing nothing
 * outside the repository: JUPYTER_PATH first holds
 * `.jupyter-local/share/jupyter` (the kernelspec); JUPYTER_DATA_DIR,
 * JUPYTER_CONFIG_DIR and JUPYTER_RUNTIME_DIR (connection files, the server's
 * cookie secret, JupyterLab's settings and workspaces, the notebook trust
 * database) point into `.jupyter-local/` too, so the user's ~/.jupyter and
 * ~/.local/share/jupyter are neither read for kernels nor written.
 */
export function jupyterEnv(
  root: string = REPO_ROOT,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const p = kernelPaths(root);
  const runtime = path.join(p.prefix, "runtime");
  const config = path.join(p.prefix, "config");
  fs.mkdirSync(runtime, { recursive: true });
  fs.mkdirSync(config, { recursive: true });
  const jp = [p.jupyterPath, base.JUPYTER_PATH].filter(Boolean).join(path.delimiter);
  return {
    ...base,
    JUPYTER_PATH: jp,
    JUPYTER_DATA_DIR: p.jupyterPath,
    JUPYTER_CONFIG_DIR: config,
    JUPYTER_RUNTIME_DIR: runtime,
    JUPYTER_PLATFORM_DIRS: "1",
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
}
