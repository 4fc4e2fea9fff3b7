/**
 * The browser kernel's cell compiler (lite/worker/cell.ts), run here in Node
 * with the same TypeScript compiler: top-level names persist across cells,
 * re-running a cell with `const` works, top-level await works, the last
 * expression is the result, type-only imports vanish, and syntax errors stop
 * the cell with the compiler's message.
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as ts from "typescript";
import { compileCell, CellSyntaxError } from "../../lite/worker/cell";

/** The constructor of async functions (not a global): builds a cell body the way the worker does. */
const AsyncFunction = (
  Object.getPrototypeOf(async function () {}) as {
    constructor: new (
      ...args: string[]
    ) => (imp: (s: string) => Promise<unknown>) => Promise<{ value: unknown } | undefined>;
  }
).constructor;

const fakeModules: Record<string, unknown> = {
  "./lib/m": { double: (x: number) => 2 * x, K: 21, default: "dflt" },
};

async function run(code: string): Promise<unknown> {
  const cell = compileCell(ts, code);
  const out = await new AsyncFunction("__import", cell.body)((s) =>
    Promise.resolve(fakeModules[s]),
  );
  return out?.value;
}

const g = globalThis as Record<string, unknown>;

test("imports, consts, functions and classes persist across cells; the last expression is the result", async () => {
  await run(
    `import { double, K as k, type Nope } from "./lib/m";\nimport * as mm from "./lib/m";\nimport d from "./lib/m";`,
  );
  assert.equal(g.k, 21);
  assert.equal(g.d, "dflt");
  assert.equal(typeof g.mm, "object");
  await run(
    `const x: number = double(k);\nfunction inc(v: number): number { return v + 1; }\nclass Box { v = 5 }`,
  );
  assert.equal(g.x, 42);
  assert.equal(await run("inc(x) + new Box().v"), 48);
  for (const name of ["double", "k", "mm", "d", "x", "inc", "Box"]) Reflect.deleteProperty(g, name);
});

test("re-running a cell that declares const does not clash; destructuring and let without value", async () => {
  await run("const { a, b: [c, , e = 9] } = { a: 1, b: [2, 3] };\nlet u: number;");
  await run("const { a, b: [c, , e = 9] } = { a: 10, b: [20, 30] };\nlet u: number;");
  assert.deepEqual([g.a, g.c, g.e, g.u], [10, 20, 9, undefined]);
  for (const name of ["a", "c", "e", "u"]) Reflect.deleteProperty(g, name);
});

test("top-level await and loops with block-scoped names", async () => {
  const v = await run(
    "const w = await Promise.resolve(3);\nlet s = 0;\nfor (const i of [1, 2, 3]) { const j = i * w; s += j; }\ns",
  );
  assert.equal(v, 18);
  for (const name of ["w", "s"]) Reflect.deleteProperty(g, name);
});

test("a cell ending in a statement has no result; type errors are not reported, syntax errors are", async () => {
  assert.equal(await run("const t: string = 5 as unknown as string;"), undefined);
  delete g.t;
  assert.throws(
    () => compileCell(ts, "const = 3;"),
    (e: unknown) => e instanceof CellSyntaxError && e.line === 1,
  );
});
