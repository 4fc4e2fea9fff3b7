/**
 * The kernel's compiled library (scripts/buildKernel.ts): built into a folder
 * inside the repository (as dist/kernel/ is), it holds JavaScript and
 * declarations for the whole import graph of lib/seminar.ts, its manifest
 * makes it fresh for bin/bundle.js until an input changes, and the compiled
 * front door computes what the sources compute (same fit, same repository
 * root, so the data are found from dist/kernel/lib/).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { freshKernel } from "../../bin/bundle";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import * as source from "../../lib/seminar";
import { buildKernel } from "../../scripts/buildKernel";

test(
  "buildKernel compiles lib/seminar.ts's graph with declarations; the compiled front door equals the sources",
  { timeout: 300_000 },
  async () => {
    const dir = fs.mkdtempSync(path.join(REPO_ROOT, "build", "test-kernel-"));
    try {
      const m = buildKernel(dir);
      for (const f of [
        "lib/seminar.js",
        "lib/seminar.d.ts",
        "lib/estimate/accessors.d.ts",
        "lib/fixest.js",
      ]) {
        assert.ok(m.outputs.includes(f), `${f} in the outputs`);
        assert.ok(fs.existsSync(path.join(dir, f)), `${f} written`);
      }
      assert.ok(
        "lib/seminar.ts" in m.inputs &&
          "lib/estimate/model.ts" in m.inputs &&
          "package-lock.json" in m.inputs,
      );
      assert.ok(
        !Object.keys(m.inputs).some((f) => f.startsWith("lib/cli/")),
        "the CLI is not part of the kernel",
      );
      assert.deepEqual(freshKernel(REPO_ROOT, dir), { dir, why: "fresh" });
      const compiled = (await import(path.join(dir, "lib", "seminar.js"))) as typeof source;
      const compiledRoot = (
        (await import(path.join(dir, "lib", "io", "dataRoot.js"))) as { REPO_ROOT: string }
      ).REPO_ROOT;
      assert.equal(
        compiledRoot,
        REPO_ROOT,
        "the compiled library finds the repository by walking up",
      );
      const sample = source.prepareSample(source.readPanel(), { outcome: "huawei_stance" });
      const f = "huawei_stance ~ asym + ideal + ICTtrade + ..controls | iso3 + year";
      const a = source.feols(f, sample.data, { cluster: "iso3" });
      const b = compiled.feols(
        f,
        compiled.prepareSample(compiled.readPanel(), { outcome: "huawei_stance" }).data,
        { cluster: "iso3" },
      );
      assert.deepEqual(compiled.se(b), source.se(a));
      assert.deepEqual(compiled.coef(b), source.coef(a));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
