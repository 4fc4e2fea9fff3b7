/**
 * The module map of the browser bundle (scripts/lite/modules.ts) is read from
 * the notebooks: value imports and dynamic imports count, type-only imports
 * do not; every specifier of every course notebook is in the map.
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import {
  courseNotebooks,
  importSpecifiers,
  moduleMapSource,
  notebookSpecifiers,
} from "../../scripts/lite/modules";

test("importSpecifiers: value, side-effect and dynamic imports; not `import type`", () => {
  const src = [
    'import { a, type B } from "./lib/a";',
    'import type { C } from "./lib/types";',
    'import "./lib/side";',
    'const m = await import("arquero");',
    "const s = \"import { x } from './lib/not-code'\";",
  ].join("\n");
  assert.deepEqual(importSpecifiers(src), ["./lib/a", "./lib/side", "arquero"]);
});

test("the map holds every module the ten notebooks import, keyed as written", () => {
  const files = courseNotebooks();
  assert.equal(files.length, 10);
  const specs = notebookSpecifiers(files);
  for (const f of files) {
    const text = fs.readFileSync(f, "utf8");
    for (const m of text.matchAll(/from \\"(\.\/lib\/[^"\\]+)\\"/g))
      assert.ok(specs.includes(m[1]), `${m[1]} of ${f}`);
  }
  const src = moduleMapSource(["./lib/fixest", "arquero"], "/r");
  assert.match(src, /import \* as m0 from "\/r\/lib\/fixest";/);
  assert.match(src, /"\.\/lib\/fixest": m0,/);
  assert.match(src, /import \* as m1 from "arquero";/);
});
