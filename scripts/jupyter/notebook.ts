/**
 * Start Jupyter Notebook on notebooks/ with the project-local tslab kernel:
 *
 *   npx tsx scripts/jupyter/notebook.ts [extra jupyter-notebook options]
 *
 * Registers the kernelspec (scripts/jupyter/kernel.ts), then runs
 * `jupyter notebook` with JUPYTER_PATH pointing at .jupyter-local. Adds
 * --allow-root when run as root (Notebook 6 refuses root otherwise). The same
 * environment works for JupyterLab where it is installed: replace `notebook`
 * with `lab` via JUPYTER_APP=lab.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/dataRoot";
import { jupyterEnv, registerKernel } from "./kernel";

const k = registerKernel();
const app = process.env.JUPYTER_APP ?? "notebook";
const args = [app, `--notebook-dir=${path.join(REPO_ROOT, "notebooks")}`, ...process.argv.slice(2)];
if (process.getuid?.() === 0 && !args.includes("--allow-root")) args.push("--allow-root");
console.log(`kernel: ${k.specDir}\nrunning: jupyter ${args.join(" ")}`);
const p = spawn("jupyter", args, { env: jupyterEnv(), stdio: "inherit" });
p.on("exit", (code) => process.exit(code ?? 0));
