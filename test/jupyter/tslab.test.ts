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
import { changedConverterSource, CONVERTER } from "../../bin/tslab";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { listNotebooks } from "../../scripts/jupyter/execute";
import { ensureKernelBuild } from "../../scripts/jupyter/kernel";
import { codeCells, type Converter, create, EDGE_CELLS, sameResults } from "../helpers/converters";

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
    const edges = EDGE_CELLS;
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
