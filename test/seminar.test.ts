/**
 * The notebooks' front door (lib/seminar.ts): every name a notebook's import
 * cell asks for exists, the top-level feols is the one with the study bound
 * (lib/fixest.ts), and the namespaces hold their modules.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fixest from "../lib/fixest";
import * as seminar from "../lib/seminar";
import { loadWdi } from "../lib/sources/wdi";
import { sScore } from "../lib/measures/sScore";
import { bar } from "../lib/viz/charts";
import { permutationTest } from "../lib/estimate/permutation";
import { fitSpecs } from "../lib/replication/hypotheses";
import { nullSize } from "../lib/notebook/monteCarlo";
import { listNotebooks, readNotebook } from "../scripts/jupyter/execute";

test("every name imported by a notebook's import cell is exported by the front door", () => {
  for (const file of listNotebooks()) {
    const first = readNotebook(file).cells.find((c) => c.cell_type === "code");
    const src = ([] as string[]).concat(first?.source ?? []).join("");
    const names = [...src.matchAll(/import\s*\{([^}]*)\}/g)]
      .flatMap((m) => m[1].split(",").map((n) => n.trim().replace(/^type\s+/, "")))
      .filter(Boolean);
    assert.ok(names.length > 0, file);
    for (const n of names)
      assert.ok(n in seminar, `${file}: "${n}" is not exported by lib/seminar.ts`);
  }
});

test("the top level is the fixest-style interface with the study bound; namespaces hold their modules", () => {
  assert.equal(seminar.feols, fixest.feols);
  assert.equal(seminar.setDefaults, fixest.setDefaults);
  for (const f of [
    seminar.coef,
    seminar.se,
    seminar.tstat,
    seminar.pvalue,
    seminar.confint,
    seminar.coeftable,
    seminar.tidy,
    seminar.check,
    seminar.references,
  ])
    assert.equal(typeof f, "function");
  assert.equal(seminar.sources.loadWdi, loadWdi);
  assert.equal(seminar.measures.sScore, sScore);
  assert.equal(seminar.charts.bar, bar);
  assert.equal(seminar.engine.permutationTest, permutationTest);
  assert.equal(seminar.replication.fitSpecs, fitSpecs);
  assert.equal(seminar.lessons.nullSize, nullSize);
  assert.notEqual(
    seminar.engine.feols,
    seminar.feols,
    "engine.feols is the engine, without the study bound",
  );
});
