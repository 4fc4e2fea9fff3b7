/**
 * tslab's converter (the kernel's TypeScript step) for tests that compare two
 * of them cell by cell: test/jupyter/tslab.test.ts (as published and as
 * changed by bin/tslab.js), test/jupyter/typescriptCodeCache.test.ts (with and
 * without TypeScript's code cache).
 */
import assert from "node:assert/strict";
import { loadConverter } from "../../bin/tslab";
import { readNotebook } from "../../scripts/jupyter/execute";

/** The part of tslab's converter API used here (tslab/dist/converter.d.ts). */
export interface Converter {
  convert(prevDecl: string, src: string): { declOutput?: string } & Record<string, unknown>;
  close(): void;
}
type CreateConverter = (o: { isJS: boolean; isBrowser: boolean }) => Converter;

/** tslab's converter, `changed` by bin/tslab.js or as published, on `typescript` when given. */
export function create(changed: boolean, typescript?: NodeJS.Module): Converter {
  const loaded = loadConverter(changed, typescript);
  assert.equal(loaded.why, changed ? "changed (bin/tslab.js)" : "as published");
  const exports = loaded.module.exports as { createConverter: CreateConverter };
  return exports.createConverter({ isJS: false, isBrowser: false });
}

/** Convert `cells` in order with both converters (each cell sees its own converter's declarations); assert equal results. */
export function sameResults(
  pair: [Converter, Converter],
  cells: readonly string[],
  what: string,
): number {
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

/** The code cells' sources of a notebook, in order. */
export const codeCells = (file: string): string[] =>
  readNotebook(file)
    .cells.filter((c) => c.cell_type === "code")
    .map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));

/**
 * Cells that probe the converter's edges: destructuring, functions, classes,
 * enums, namespaces, imports, top-level await, a type error, a syntax error,
 * an empty cell (in this order; later cells use earlier names).
 */
export const EDGE_CELLS: readonly string[] = [
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
