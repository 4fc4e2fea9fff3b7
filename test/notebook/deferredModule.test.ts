/**
 * lib/notebook/deferredModule.ts: a deferred module loads at its first use,
 * not at `require`, and then is the module itself; danfo loaded through
 * lib/notebook/frames.ts leaves SheetJS unloaded until `toExcel` or
 * `readExcel` uses it, and its Excel round trip still gives the frame back.
 * (Node runs each test file in its own process, so danfo and SheetJS are not
 * loaded when this file starts; the first test checks that.)
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRequire } from "node:module";
import { deferModule, isPending } from "../../lib/notebook/deferredModule";
import { DANFO_EXCEL_IO, danfoColumns, toDanfo, type FrameLike } from "../../lib/notebook/frames";

const isFrame = (x: unknown): x is FrameLike =>
  typeof x === "object" && x !== null && typeof Reflect.get(x, "column") === "function";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deferred-module-"));

test("danfo loads without SheetJS; readExcel and toExcel load it and round-trip a frame", async () => {
  const danfoEntry = require.resolve("danfojs-node");
  const xlsxFile = createRequire(DANFO_EXCEL_IO()).resolve("xlsx");
  assert.equal(require.cache[danfoEntry], undefined, "danfo is not loaded before this test");
  assert.equal(require.cache[xlsxFile], undefined, "SheetJS is not loaded before this test");

  const df = toDanfo({ iso3: ["GBR", "JPN", "KOR"], s: [0.25, -0.5, 1 / 3] }); // loads danfo
  assert.ok(require.cache[danfoEntry], "toDanfo loaded danfo");
  assert.ok(isPending(require.cache[xlsxFile]?.exports, xlsxFile), "SheetJS still unloaded");

  // eslint-disable-next-line @typescript-eslint/no-require-imports -- danfo, loaded above
  const danfo = require("danfojs-node") as typeof import("danfojs-node");
  const file = path.join(dir, "frame.xlsx");
  danfo.toExcel(df, { filePath: file });
  assert.equal(isPending(require.cache[xlsxFile]?.exports, xlsxFile), false, "toExcel loaded it");
  const back = await danfo.readExcel(file);
  assert.ok(isFrame(back), "readExcel gave a DataFrame");
  assert.deepEqual(danfoColumns(back), { iso3: ["GBR", "JPN", "KOR"], s: [0.25, -0.5, 1 / 3] });
});

/** A module that counts its loads in globalThis, and a file that requires it. */
function fixture(name: string): { requirer: string; module: string; loads: () => number } {
  const key = `__deferredLoads_${name}`;
  const module = path.join(dir, `${name}.js`);
  fs.writeFileSync(
    module,
    `globalThis.${key} = (globalThis.${key} || 0) + 1;\n` +
      `exports.a = 1;\nexports.f = () => 2;\n`,
  );
  const requirer = path.join(dir, `${name}-user.js`);
  fs.writeFileSync(requirer, `module.exports = require("./${name}");\n`);
  return { requirer, module, loads: () => Number(Reflect.get(globalThis, key) ?? 0) };
}

test("a deferred module loads at its first use, once, and then is the module itself", () => {
  const { requirer, module, loads } = fixture("counted");
  assert.deepEqual(deferModule("./counted", requirer), { deferred: true, file: module });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the fixture
  const got = require(requirer) as { a: number; f: () => number };
  assert.equal(loads(), 0, "require alone does not load it");
  assert.ok(isPending(got, module));
  assert.deepEqual(Object.keys(got), ["a", "f"]);
  assert.equal(loads(), 1, "listing its keys loaded it");
  assert.equal(got.a, 1);
  assert.equal(got.f(), 2);
  assert.ok("f" in got);
  assert.equal(isPending(got, module), false);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- required again: the module itself
  const again = require(module) as { a: number };
  assert.equal(again.a, 1);
  assert.notEqual(again, got, "later requires get the real exports, not the stand-in");
  assert.equal(loads(), 1, "loaded once");
});

test("a module loaded already is not deferred, and says why", () => {
  const { requirer, module, loads } = fixture("loaded");
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded before deferring
  require(module);
  const r = deferModule("./loaded", requirer);
  assert.deepEqual(r, {
    deferred: false,
    file: module,
    why: `./loaded is loaded already (${module})`,
  });
  assert.equal(loads(), 1);
});
