/**
 * `npm run replicate`: everything from raw data to build/, in one command.
 *
 *   1. check the prerequisites (node_modules; a Jupyter, or a Python 3 with
 *      venv and pip to create the project environment .venv/ from
 *      requirements/jupyter.txt) and say how to get any that is missing;
 *      create .venv/ when needed (scripts/jupyter/env.ts);
 *   2. build the analysis panel (scripts/buildPanel.ts), when it exists;
 *   3. register the project-local tslab kernel (.jupyter-local/, no global change);
 *      compute the slow results the notebooks read back (scripts/precompute.ts
 *      into build/precomputed/; skipped when the stored inputs hash matches);
 *   4. execute every notebook of notebooks/ headless, two at a time, into
 *      build/notebooks/ and export each to HTML in build/html/, with an
 *      index.html listing them (scripts/jupyter/htmlExport.ts);
 *   5. save the charts as figures in build/figures/;
 *   6. write the regression tables (writeReplicationTables from
 *      lib/replication/tables.ts, when it exists) to build/results/ and build/tables/;
 *   7. print where everything went and the wall time.
 *
 * Exits 1 when a prerequisite is missing or a notebook fails.
 *
 * Options: --only 01,03 (run a subset of notebooks), --parallel N (default 2),
 * --skip-panel.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../lib/io/dataRoot";
import { describeJupyter, ensureJupyter } from "./jupyter/env";
import { ensurePrecomputed, executeNotebooks, formatRun, listNotebooks } from "./jupyter/execute";
import { extractFigures } from "./jupyter/figures";
import { exportHtml } from "./jupyter/htmlExport";
import { registerKernel } from "./jupyter/kernel";
import { checkPrerequisites, formatPrerequisites } from "./jupyter/prereqs";

function option(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(name + "="));
  return eq?.slice(name.length + 1);
}

const rel = (p: string): string => path.relative(REPO_ROOT, p) || ".";

async function main(): Promise<number> {
  const t0 = Date.now();
  const build = path.join(REPO_ROOT, "build");
  const lap = (): string => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

  console.log("replicate: checking prerequisites");
  const pre = checkPrerequisites();
  console.log(formatPrerequisites(pre));
  if (pre.some((p) => !p.ok)) {
    console.error(
      "replicate: install the missing prerequisites above (details in DEVELOPERS.md), then run again.",
    );
    return 1;
  }
  const jupyter = await ensureJupyter({ log: (s) => console.log(`replicate: ${s}`) });
  console.log(`replicate: Jupyter: ${describeJupyter(jupyter)} (${lap()})`);

  const buildPanel = path.join(REPO_ROOT, "scripts", "buildPanel.ts");
  if (process.argv.includes("--skip-panel"))
    console.log("replicate: panel build skipped (--skip-panel)");
  else if (!fs.existsSync(buildPanel))
    console.log(
      "replicate: scripts/buildPanel.ts does not exist yet; skipping the panel build (notebooks use what is there)",
    );
  else {
    console.log("replicate: building the panel (tsx scripts/buildPanel.ts)");
    const r = spawnSync(process.execPath, ["--import", "tsx", buildPanel], {
      cwd: REPO_ROOT,
      stdio: "inherit",
    });
    if (r.status !== 0) {
      console.error(
        `replicate: the panel build failed (exit ${r.status ?? "none, killed by a signal"})`,
      );
      return 1;
    }
    console.log(`replicate: panel built (${lap()})`);
  }

  console.log("replicate: slow results for the notebooks (tsx scripts/precompute.ts)");
  try {
    ensurePrecomputed();
  } catch (e) {
    console.error(`replicate: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  console.log(`replicate: precomputed results ready (${lap()})`);

  const k = registerKernel();
  console.log(`replicate: local kernel registered in ${rel(k.specDir)}`);

  const only = option("--only")
    ?.split(",")
    .map((s) => s.trim());
  const files = listNotebooks().filter(
    (f) => !only || only.some((o) => path.basename(f).startsWith(o)),
  );
  if (files.length === 0) {
    console.error("replicate: no notebooks found in notebooks/");
    return 1;
  }
  const parallel = Number(option("--parallel") ?? 2);
  console.log(`replicate: executing ${files.length} notebook(s), ${parallel} at a time`);
  const nbDir = path.join(build, "notebooks");
  const runs = await executeNotebooks(files, nbDir, {
    parallel,
    python: jupyter.python,
    precompute: false,
    onDone: (r) => console.log("  " + formatRun(r)),
  });
  const ok = runs.filter((r) => r.exitCode === 0 && r.problems.length === 0);
  const executed = runs.filter((r) => r.exitCode === 0).map((r) => r.output);

  const htmlDir = path.join(build, "html");
  const html = await exportHtml(executed, htmlDir, { python: jupyter.python });
  console.log(`replicate: ${html.length} HTML export(s) written (${lap()})`);
  const figures = extractFigures(executed, path.join(build, "figures"));
  console.log(`replicate: ${figures.length} figure(s) saved`);

  const tablesModule = path.join(REPO_ROOT, "lib", "replication", "tables.ts");
  let tablesNote = "lib/replication/tables.ts does not exist yet: no tables written";
  if (fs.existsSync(tablesModule)) {
    const mod = (await import(tablesModule)) as {
      writeReplicationTables?: (outDir: string) => unknown;
    };
    if (typeof mod.writeReplicationTables === "function") {
      await mod.writeReplicationTables(build);
      tablesNote = `${rel(path.join(build, "results"))}/table{1,2,3}.csv with their CSVW sidecars (.csv-metadata.json), and the HTML/Markdown/LaTeX tables (writeReplicationTables)`;
    } else
      tablesNote = "lib/replication/tables.ts has no writeReplicationTables: no tables written";
  }

  console.log("\nreplicate: outputs");
  console.log(`  executed notebooks  ${rel(nbDir)}/ (${executed.length})`);
  console.log(
    `  HTML exports        ${rel(htmlDir)}/ (${html.length}, plotly.js added once per page, open offline; index.html lists them)`,
  );
  console.log(
    `  figures             ${rel(path.join(build, "figures"))}/ (${figures.length} plotly JSON + HTML)`,
  );
  console.log(`  tables              ${tablesNote}`);
  const failed = runs.length - ok.length;
  console.log(
    `\nreplicate: ${ok.length}/${runs.length} notebooks ran without error; wall time ${lap()}`,
  );
  if (failed)
    console.error(
      `replicate: ${failed} notebook(s) failed: ${runs
        .filter((r) => !ok.includes(r))
        .map((r) => path.basename(r.notebook))
        .join(", ")}`,
    );
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
