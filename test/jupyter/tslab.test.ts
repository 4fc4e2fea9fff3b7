/**
 * bin/tslab.js: the kernel's tslab with one change to its converter (a cell's
 * top-level names read from the cell parsed alone, so the program is built
 * once per cell, not twice). Oracle: tslab's converter as published, loaded
 * from the same file beside it; both convert the same cells in the same
 * order, and every field of every result must be equal.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { changedConverterSource, CONVERTER, loadConverter } from "../../bin/tslab";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { listNotebooks, readNotebook } from "../../scripts/jupyter/execute";
import { ensureKernelBuild } from "../../scripts/jupyter/kernel";

/** The part of tslab's converter API used here (tslab/dist/converter.d.ts). */
interface Converter {
  convert(prevDecl: string, src: string): { declOutput?: string } & Record<string, unknown>;
  close(): void;
}
type CreateConverter = (o: { isJS: boolean; isBrowser: boolean }) => Converter;

function create(changed: boolean): Converter {
  const loaded = loadConverter(changed);
  assert.equal(loaded.why, changed ? "changed (bin/tslab.js)" : "as published");
  const exports = loaded.module.exports as { createConverter: CreateConverter };
  return exports.createConverter({ isJS: false, isBrowser: false });
}

/** Convert `cells` in order with both converters (each cell sees its own converter's declarations); assert equal results. */
function sameResults(pair: [Converter, Converter], cells: string[], what: string): number {
  let declA = "";
  let declB = "";
  let compared = 0;
  cells.forEach((src, i) => {
    const a = pair[0].convert(declA, src);
    const b = pair[1].convert(declB, src);
    assert.deepEqual(b, a, `${what}, cell ${i + 1}: ${src.split("\n")[0]}`);
    declA = a.declOutput ?? declA;
    declB = b.declOutput ?? declB;
    compared++;
  });
  return compared;
}

const codeCells = (file: string): string[] =>
  readNotebook(file)
    .cells.filter((c) => c.cell_type === "code")
    .map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));

test("the change applies to tslab's converter as installed, and refuses any other text", () => {
  const text = fs.readFileSync(CONVERTER, "utf8");
  const r = changedConverterSource(text);
  assert.ok("source" in r, "tslab's installed converter is the text the change was written for");
  assert.match(r.source, /ts\.bindSourceFile\(probe,/);
  // tslab's convert() builds the program (updateContent) before it knows the names; the change does not
  const convertHead = (s: string) => {
    const at = s.indexOf("function convert(prevDecl, src) {");
    return s.slice(at, s.indexOf("if (keys.size", at));
  };
  assert.match(convertHead(text), /updateContent\(prevDecl, src\)/);
  assert.doesNotMatch(convertHead(r.source), /updateContent/);
  const other = changedConverterSource(
    text.replace("const locals = srcFile.locals;", "const locals = srcFile.locals ;"),
  );
  assert.ok("why" in other && /is not tslab 1\.0\.22's converter/.test(other.why));
  const twice = changedConverterSource(text + text);
  assert.ok("why" in twice, "a text holding the block twice is refused too");
});

test("changed and published converters give identical results on every code cell of every notebook and on edge cells", () => {
  const built = ensureKernelBuild(REPO_ROOT);
  assert.ok(built.why.length > 0);
  const cwd = process.cwd();
  // tslab resolves "./lib/seminar" against its working directory, as the kernel does (dist/kernel)
  process.chdir(path.join(REPO_ROOT, "dist", "kernel"));
  const pair: [Converter, Converter] = [create(false), create(true)];
  try {
    let cells = 0;
    const notebooks = listNotebooks();
    assert.ok(notebooks.length >= 10, `${notebooks.length} notebooks`);
    for (const nb of notebooks) cells += sameResults(pair, codeCells(nb), path.basename(nb));
    assert.ok(cells > 100, `${cells} notebook cells compared`);
    const edges = [
      "const a = 1, { b, c: [d] } = { b: 2, c: [3] };",
      "function f(x: number) { return x + a + b + d; }\nclass K { y = 1 }\nenum E { A, B }\n" +
        "namespace N { export const z = 1; }\ntype T = { q: number };\ninterface I { r: string }",
      'import * as path from "path";\nlet p = path.join("a", "b");',
      "f(2)",
      "const v = await Promise.resolve(f(1));\nv + 1",
      "await Promise.resolve(1);",
      "const bad: string = 1;",
      "const = ;",
      "var a2 = 3; let b2; b2 = a2;\nlabel: for (;;) break label;",
      "declare const dd: number;\nconst k: K = new K(); const t: T = { q: E.B }; const i: I = { r: p };",
      'import { feols, se } from "./lib/seminar";\nconst x = typeof feols;',
      "",
    ];
    assert.equal(sameResults(pair, edges, "edge cells"), edges.length);
    // the edge cells did exercise diagnostics and top-level await
    const probe = pair[1].convert("", "const bad: string = 1;");
    assert.ok(Array.isArray(probe.diagnostics) && probe.diagnostics.length === 1);
    assert.equal(pair[1].convert("", "await Promise.resolve(1);").hasToplevelAwait, true);
  } finally {
    pair.forEach((c) => c.close());
    process.chdir(cwd);
  }
});
