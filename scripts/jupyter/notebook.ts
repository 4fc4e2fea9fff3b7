/**
 * Former entry point that opened Jupyter Notebook 6; notebook 00 still names
 * it. It now does what `npm run lab` does (scripts/jupyter/lab.ts): JupyterLab
 * on notebooks/ with the project kernel "TypeScript (alliance)".
 *
 *   npx tsx scripts/jupyter/notebook.ts [extra JupyterLab options]
 */
import { runLab } from "./lab";

runLab(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
