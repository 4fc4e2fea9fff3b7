/**
 * Benchmark: the JupyterLite site (`npm run lite`) in headless Chromium.
 * Budgets on the 2-core machine:
 *   - site size (all files of build/lite/)              <= 80 MB
 *   - first notebook interactive, cold                   <= 15 s
 *     (fresh browser context, empty cache: navigation to an idle browser kernel)
 *   - each notebook's Run All, warm                      <= 10 s
 *     (second Run All in the same tab: worker, library and data files loaded)
 * Prints figures only; no assertion (speed is not tested in `npm test`).
 *
 *   npm run bench:lite            (builds the site first when it is missing)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildSite, SITE_DIR } from "../scripts/lite/build";
import { launchBrowser, openPage, runAll, runNotebook } from "../scripts/lite/drive";
import { courseNotebooks } from "../scripts/lite/modules";
import { serveStatic } from "../scripts/lite/serve";

const BUDGET = { sizeMb: 80, interactiveS: 15, runAllS: 10 };

function siteBytes(dir: string): { total: number; byTop: Record<string, number> } {
  const byTop: Record<string, number> = {};
  let total = 0;
  const walk = (d: string, top: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p, top || e.name);
      else {
        const n = fs.statSync(p).size;
        total += n;
        byTop[top || "(top level)"] = (byTop[top || "(top level)"] ?? 0) + n;
      }
    }
  };
  walk(dir, "");
  return { total, byTop };
}

const ok = (v: number, budget: number): string => (v <= budget ? "ok" : "OVER BUDGET");

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(SITE_DIR, "alliance", "worker.js"))) await buildSite();
  const size = siteBytes(SITE_DIR);
  const mb = size.total / 1e6;
  console.log(
    `site size: ${mb.toFixed(1)} MB (budget ${BUDGET.sizeMb} MB: ${ok(mb, BUDGET.sizeMb)})`,
  );
  for (const [k, v] of Object.entries(size.byTop)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)) {
    console.log(`  ${k.padEnd(14)} ${(v / 1e6).toFixed(1)} MB`);
  }
  const server = await serveStatic(SITE_DIR);
  const browser = await launchBrowser();
  try {
    const rows: { notebook: string; interactive: number; cold: number; warm: number }[] = [];
    for (const file of courseNotebooks()) {
      const rel = `notebooks/${path.basename(file)}`;
      const s = await openPage(browser, server.url);
      try {
        const first = await runNotebook(s, server.url, rel, { timeoutMs: 600_000 });
        const warm = await runAll(s.page, rel, 600_000);
        rows.push({
          notebook: path.basename(file, ".ipynb"),
          interactive: first.interactiveMs,
          cold: first.runAllMs,
          warm,
        });
        const problems = first.problems.length ? `, ${first.problems.length} problems` : "";
        console.log(
          `${path.basename(file, ".ipynb").padEnd(28)} interactive (cold) ${(first.interactiveMs / 1000).toFixed(1)} s, ` +
            `Run All cold ${(first.runAllMs / 1000).toFixed(1)} s, warm ${(warm / 1000).toFixed(1)} s ` +
            `(budget ${BUDGET.runAllS} s: ${ok(warm / 1000, BUDGET.runAllS)})${problems}`,
        );
      } finally {
        await s.close();
      }
    }
    const firstS = rows[0].interactive / 1000;
    console.log(
      `first notebook interactive, cold: ${firstS.toFixed(1)} s (budget ${BUDGET.interactiveS} s: ${ok(firstS, BUDGET.interactiveS)})`,
    );
    const worst = rows.reduce((a, r) => (r.warm > a.warm ? r : a));
    console.log(
      `slowest warm Run All: ${worst.notebook} ${(worst.warm / 1000).toFixed(1)} s (budget ${BUDGET.runAllS} s: ${ok(worst.warm / 1000, BUDGET.runAllS)})`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
