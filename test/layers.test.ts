/**
 * The layer map of lib/README.md, checked on the imports of every module in
 * lib/: an import goes to the same layer or one to its left, the folders (and
 * top-level files) import each other without a cycle, only cli/ imports
 * ingest/, and every file or folder of lib/ has a place in the map.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "../lib/io/dataRoot";

/** lib/README.md's layers, left to right: a folder ("io/") or a top-level file ("study.ts"). */
const LAYERS: readonly (readonly string[])[] = [
  ["study.ts", "countries.ts", "io/", "lookup.ts", "display.ts"],
  ["sources/"],
  ["measures/", "gdelt/"],
  ["panel/"],
  ["estimate/"],
  ["report/", "viz/"],
  ["replication/"],
  ["notebook/", "fixest.ts", "seminar.ts", "cli/", "ingest/"],
];
const LIB = path.join(REPO_ROOT, "lib");

/** The unit of a file under lib/: its top folder ("io/") or its own name ("study.ts"). */
function unitOf(file: string): string {
  const parts = path.relative(LIB, file).split(path.sep);
  return parts.length > 1 ? `${parts[0]}/` : parts[0];
}

function libFiles(dir = LIB): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return libFiles(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

/** Unit-to-unit edges [from, to, "file -> import"] of the relative imports (static, type-only, require) in lib/. */
function unitEdges(): [string, string, string][] {
  const edges: [string, string, string][] = [];
  for (const file of libFiles()) {
    const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith(".")) continue;
      const base = path.resolve(path.dirname(file), fileName);
      const target = fs.existsSync(`${base}.ts`) ? `${base}.ts` : path.join(base, "index.ts");
      const from = unitOf(file),
        to = unitOf(target);
      if (from !== to) edges.push([from, to, `${path.relative(LIB, file)} -> ${fileName}`]);
    }
  }
  return edges;
}

/** Imports that run to a layer further right (a unit missing from the map is reported too). */
function layerViolations(
  edges: readonly [string, string, string][],
  layers: readonly (readonly string[])[],
): string[] {
  const layerOf = new Map(layers.flatMap((units, k) => units.map((u) => [u, k] as const)));
  const out: string[] = [];
  for (const [from, to, where] of edges) {
    const a = layerOf.get(from),
      b = layerOf.get(to);
    if (a === undefined || b === undefined)
      out.push(`${where}: ${a === undefined ? from : to} has no layer in the map`);
    else if (b > a)
      out.push(`${where}: ${from} (layer ${a}) imports ${to} (layer ${b}), further right`);
  }
  return out;
}

/** One cycle of the unit graph as "a -> b -> a", or undefined when there is none. */
function unitCycle(edges: readonly [string, string, string][]): string | undefined {
  const next = new Map<string, Set<string>>();
  for (const [a, b] of edges) next.set(a, (next.get(a) ?? new Set()).add(b));
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (u: string): string | undefined => {
    state.set(u, "open");
    stack.push(u);
    for (const v of next.get(u) ?? []) {
      if (state.get(v) === "open") return [...stack.slice(stack.indexOf(v)), v].join(" -> ");
      if (!state.has(v)) {
        const c = visit(v);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(u, "done");
    return undefined;
  };
  for (const u of next.keys()) {
    if (state.has(u)) continue;
    const c = visit(u);
    if (c) return c;
  }
  return undefined;
}

test("the checks catch an import to the right, a unit without a layer, and a cycle", () => {
  const layers = [["io/"], ["sources/"], ["panel/"]];
  assert.deepEqual(layerViolations([["sources/", "io/", "s -> i"]], layers), []);
  assert.deepEqual(layerViolations([["io/", "panel/", "i -> p"]], layers), [
    "i -> p: io/ (layer 0) imports panel/ (layer 2), further right",
  ]);
  assert.deepEqual(layerViolations([["x.ts", "io/", "x -> i"]], layers), [
    "x -> i: x.ts has no layer in the map",
  ]);
  assert.equal(
    unitCycle([
      ["a/", "b/", ""],
      ["b/", "c/", ""],
    ]),
    undefined,
  );
  assert.equal(
    unitCycle([
      ["a/", "b/", ""],
      ["b/", "c/", ""],
      ["c/", "a/", ""],
    ]),
    "a/ -> b/ -> c/ -> a/",
  );
});

test("lib/: every file and folder has a layer, no import runs to the right, no folder cycle", () => {
  const placed = new Set(LAYERS.flat());
  const units = [...new Set(libFiles().map(unitOf))].sort();
  assert.deepEqual(
    units.filter((u) => !placed.has(u)),
    [],
    "units of lib/ missing from the layer map (lib/README.md)",
  );
  const edges = unitEdges();
  assert.ok(
    edges.length > 100,
    `only ${edges.length} imports between units found; is the import reader broken?`,
  );
  assert.deepEqual(layerViolations(edges, LAYERS), []);
  assert.equal(unitCycle(edges), undefined);
});

test("only cli/ imports ingest/ (the command line's own readers)", () => {
  const importers = unitEdges()
    .filter(([, to]) => to === "ingest/")
    .map(([from]) => from);
  assert.deepEqual([...new Set(importers)], ["cli/"]);
});
