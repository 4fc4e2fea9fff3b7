/**
 * `npm run test:lite`: the JupyterLite site in a real browser. Named .e2e.ts so that
 * `npm test` (every *.test.ts) does not run it: CI runs it after `npm test` (.ci/run).
 *
 * Serves `build/lite/` (built first by scripts/lite/build.ts when it is
 * missing, or always with ALLIANCE_LITE_REBUILD=1) on 127.0.0.1, opens each
 * of the ten notebooks in headless Chromium in a fresh browser context,
 * runs all cells with the browser kernel, and asserts:
 *   - no error output and no stderr in any cell, every code cell ran;
 *   - every plotly output drew its SVG with a plot area of positive size;
 *   - no request left the site (it works offline) and no page error;
 *   - the data status of notebook 00 (deposit files verified by SHA-256 in
 *     the browser) equals Node's, and the key numbers (S scores of notebook 03, Table 1 of notebook 06,
 *     model (7)'s coefficients and clustered SEs in notebook 08) equal the
 *     same notebook's numbers computed in Node with the project's library
 *     (scripts/lite/keyNumbers.ts) to 1e-10 (absolute below 1, relative
 *     above).
 * Screenshots in build/lite-shots/.
 */
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Browser } from "playwright-core";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { buildSite, SITE_DIR } from "../../scripts/lite/build";
import { launchBrowser, openPage, runNotebook } from "../../scripts/lite/drive";
import { countNumbers, nodeProbe, numberDiffs, PROBES } from "../../scripts/lite/keyNumbers";
import { courseNotebooks } from "../../scripts/lite/modules";
import { serveStatic, type StaticServer } from "../../scripts/lite/serve";

const TOL = 1e-10;
const SHOTS = path.join(REPO_ROOT, "build", "lite-shots");
const notebooks = courseNotebooks().map((f) => `notebooks/${path.basename(f)}`);

let server: StaticServer | undefined;
let browser: Browser | undefined;

before(async () => {
  if (
    process.env.ALLIANCE_LITE_REBUILD === "1" ||
    !fs.existsSync(path.join(SITE_DIR, "alliance", "worker.js"))
  ) {
    await buildSite();
  }
  server = await serveStatic(SITE_DIR);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("the site holds the ten course notebooks", () => {
  assert.equal(notebooks.length, 10);
  for (const nb of notebooks)
    assert.ok(fs.existsSync(path.join(SITE_DIR, "files", nb)), `${nb} in the site`);
});

for (const nb of notebooks) {
  test(
    `${nb} runs in the browser kernel without errors, every chart drawn`,
    { timeout: 900_000 },
    async () => {
      const session = await openPage(browser!, server!.url);
      try {
        const probe = PROBES[nb];
        const run = await runNotebook(session, server!.url, nb, {
          probe: probe?.code,
          screenshotDir: SHOTS,
          timeoutMs: 600_000,
        });
        console.log(
          `${nb}: interactive ${(run.interactiveMs / 1000).toFixed(1)} s, Run All ${(run.runAllMs / 1000).toFixed(1)} s, ` +
            `${run.codeCells} code cells, ${run.drawn}/${run.plotly} charts drawn`,
        );
        assert.deepEqual(run.problems, [], `problems in ${nb}`);
        assert.ok(run.codeCells > 0);
        assert.equal(run.drawn, run.plotly, "every plotly output drew");
        assert.deepEqual(session.blocked, [], "requests outside the site");
        assert.deepEqual(session.pageErrors, [], "page errors");
        if (probe) {
          assert.ok(run.probe, "the probe ran");
          assert.equal(run.probe.err, "", `probe error: ${run.probe.err}`);
          const browserValue: unknown = JSON.parse(run.probe.out);
          const nodeValue: unknown = JSON.parse(nodeProbe(nb, probe.code));
          assert.ok(
            countNumbers(nodeValue) >= probe.minNumbers,
            `${probe.what}: at least ${probe.minNumbers} numbers compared`,
          );
          if (probe.minNumbers === 0)
            assert.ok(JSON.stringify(nodeValue).length > 100, `${probe.what}: a real value`);
          assert.deepEqual(
            numberDiffs(browserValue, nodeValue, TOL),
            [],
            `${probe.what}: browser vs Node`,
          );
        }
      } finally {
        await session.close();
      }
    },
  );
}
