/**
 * Second half of scripts/setup.sh: make sure a Jupyter with JupyterLab and
 * the plotly renderer is there (creating .venv/ when none is found,
 * scripts/jupyter/env.ts) and register the project kernel
 * (scripts/jupyter/kernel.ts). Prints what it used and what to run next.
 */
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { describeJupyter, ensureJupyter } from "./env";
import { registerKernel } from "./kernel";

async function main(): Promise<void> {
  const t0 = Date.now();
  const j = await ensureJupyter({ level: "lab", log: (s) => console.log(`setup: ${s}`) });
  const k = registerKernel();
  console.log(`setup: Jupyter ${describeJupyter(j)}`);
  console.log(`setup: kernel "TypeScript (alliance)" in ${path.relative(REPO_ROOT, k.specDir)}`);
  console.log(
    `setup: done in ${((Date.now() - t0) / 1000).toFixed(1)} s. Next: npm run replicate, npm run lab, npm test`,
  );
}

main().catch((e: unknown) => {
  console.error(`setup: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
