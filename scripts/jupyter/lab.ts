/**
 * JupyterLab on the notebooks with the project-local kernel.
 *
 *   npm run lab [-- extra JupyterLab options]
 *
 * Finds or creates the Jupyter (scripts/jupyter/env.ts, level "lab": it needs
 * JupyterLab and the plotly renderer), registers the kernel "TypeScript
 * (alliance)" under `.jupyter-local/` (scripts/jupyter/kernel.ts), and runs
 * `<python> -m jupyterlab` on notebooks/ with the environment of
 * `jupyterEnv()`: kernelspecs, settings, workspaces and runtime files all stay
 * inside the repository; the user's global kernelspecs and ~/.jupyter are not
 * touched. JupyterLab's news feed and update check are off (no requests to
 * the internet). `--allow-root` is added when run as root.
 *
 * {@link startLab} is the same server for the browser test
 * (test/jupyter/lab.test.ts): 127.0.0.1, a free port, a random token, no
 * browser opened, started and stopped by the caller.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as crypto from "node:crypto";
import * as http from "node:http";
import * as net from "node:net";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { describeJupyter, ensureJupyter } from "./env";
import { ensureKernelBuild, jupyterEnv, registerKernel } from "./kernel";

/** Options that keep JupyterLab from calling the internet (announcements, update check). */
export const OFFLINE_ARGS = [
  "--LabApp.news_url=None",
  "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
];

/** The command-line arguments of `python -m jupyterlab` for a root folder. */
export function labArgs(
  rootDir: string,
  extra: readonly string[] = [],
  isRoot = process.getuid?.() === 0,
): string[] {
  const args = ["-m", "jupyterlab", `--ServerApp.root_dir=${rootDir}`, ...OFFLINE_ARGS, ...extra];
  if (isRoot && !args.includes("--allow-root")) args.push("--allow-root");
  return args;
}

/** A free TCP port on 127.0.0.1 (asked from the OS). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface LabServer {
  /** Base URL, e.g. http://127.0.0.1:41234/ */
  url: string;
  token: string;
  process: ChildProcess;
  /** Server output so far (for error messages). */
  log: () => string;
  stop: () => Promise<void>;
}

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", () => resolve(0));
    req.setTimeout(2000, () => req.destroy());
  });
}

/**
 * Start JupyterLab on 127.0.0.1 with a free port and a random token, and wait
 * until its REST API answers. `extra` is passed on (e.g. settings folders).
 */
export async function startLab(
  opts: {
    rootDir?: string;
    extra?: string[];
    python?: string;
    timeoutMs?: number;
    strictChecks?: boolean;
  } = {},
): Promise<LabServer> {
  const python = opts.python ?? (await ensureJupyter({ level: "lab" })).python;
  registerKernel();
  ensureKernelBuild(REPO_ROOT, (s) => console.log(s));
  const port = await freePort();
  const token = crypto.randomBytes(16).toString("hex");
  const args = labArgs(opts.rootDir ?? REPO_ROOT, [
    "--no-browser",
    "--ServerApp.ip=127.0.0.1",
    `--ServerApp.port=${port}`,
    "--ServerApp.port_retries=0",
    `--IdentityProvider.token=${token}`,
    ...(opts.extra ?? []),
  ]);
  // strictChecks: kernels started by this server throw on a failed claim (the Lab test; lib/notebook/check.ts)
  const env = opts.strictChecks ? { ...jupyterEnv(), ALLIANCE_STRICT_CHECKS: "1" } : jupyterEnv();
  const p = spawn(python, args, { env, cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  p.stdout.on("data", (d: Buffer) => (out += d.toString()));
  p.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}/`;
  const stop = async (): Promise<void> => {
    if (p.exitCode !== null) return;
    const done = new Promise<void>((r) => p.once("exit", () => r()));
    p.kill("SIGTERM");
    const t = setTimeout(() => p.kill("SIGKILL"), 10000);
    await done;
    clearTimeout(t);
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 120000);
  while (Date.now() < deadline) {
    if (p.exitCode !== null)
      throw new Error(
        `JupyterLab exited (code ${p.exitCode}) before it answered:\n${out.slice(-3000)}`,
      );
    if ((await get(`${url}api/status?token=${token}`)) === 200)
      return { url, token, process: p, log: () => out, stop };
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(
    `JupyterLab did not answer on ${url} within ${(opts.timeoutMs ?? 120000) / 1000} s:\n${out.slice(-3000)}`,
  );
}

/** `npm run lab`: JupyterLab on notebooks/ in the foreground, with `extra` options; exits with it. */
export async function runLab(extra: readonly string[]): Promise<void> {
  const j = await ensureJupyter({ level: "lab", log: (s) => console.log(s) });
  const k = registerKernel();
  console.log(`lab: ${ensureKernelBuild(REPO_ROOT, (s) => console.log(s)).why}`);
  const args = labArgs(path.join(REPO_ROOT, "notebooks"), extra);
  console.log(
    `lab: Jupyter ${describeJupyter(j)}\nlab: kernel "TypeScript (alliance)" in ${path.relative(REPO_ROOT, k.specDir)}\nlab: ${j.python} ${args.join(" ")}`,
  );
  const p = spawn(j.python, args, { env: jupyterEnv(), cwd: REPO_ROOT, stdio: "inherit" });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => p.kill(sig));
  p.on("exit", (code) => process.exit(code ?? 0));
}

if (require.main === module) {
  runLab(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
