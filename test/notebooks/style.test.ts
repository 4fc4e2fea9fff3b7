/**
 * Notebook code that students can read (issue 9): in every notebook's code
 * cells and in the ```ts blocks of its solutions file, no line is longer than
 * 100 characters, and there are no casts (`as unknown as`, `as never`,
 * `as any`) and no non-null assertions (`x!.y`, `f(x)!`). A lookup that may
 * fail goes through `found()` (lib/notebook/check.ts), which names what was
 * expected.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { listNotebooks, readNotebook } from "../../scripts/jupyter/execute";
import { SOLUTIONS_DIR, tsBlocks } from "../helpers/solutionPrograms";

const MAX = 100;
const CAST = /\bas\s+(unknown|never|any)\b/;
/** `x!.y`, `x![0]`, `f(x)!;` … but not `!=`, `!==` or `!x`. */
const NON_NULL = /[\w)\]]!(?=[.[);,]|\s*$)/;

/** Strip string and template literals, so that "Stop!" in prose is not code. */
function code(line: string): string {
  return line.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
}

export function styleProblems(where: string, source: string): string[] {
  const out: string[] = [];
  source.split("\n").forEach((line, i) => {
    const at = `${where}, line ${i + 1}`;
    if (line.length > MAX) out.push(`${at}: ${line.length} characters (max ${MAX})`);
    const c = code(line);
    if (CAST.test(c)) out.push(`${at}: cast: ${line.trim()}`);
    if (NON_NULL.test(c)) out.push(`${at}: non-null assertion: ${line.trim()}`);
  });
  return out;
}

test("the style check itself: long lines, casts and non-null assertions are found; prose is not", () => {
  assert.deepEqual(styleProblems("x", `const a = "${"y".repeat(95)}";`).length, 1);
  assert.match(styleProblems("x", "const p = readPanel() as unknown as PanelRow[];")[0], /cast/);
  assert.match(styleProblems("x", "const b = rows.find((r) => r.ok)!;")[0], /non-null/);
  assert.match(styleProblems("x", "const b = m.coefficients[0]!.estimate;")[0], /non-null/);
  assert.deepEqual(styleProblems("x", 'check(a !== b && !c, "as T rises, stop!");'), []);
});

for (const file of listNotebooks()) {
  const name = path.basename(file, ".ipynb");
  test(`${name}: code lines <= ${MAX} characters, no casts, no non-null assertions`, () => {
    const problems: string[] = [];
    readNotebook(file).cells.forEach((cell, k) => {
      if (cell.cell_type !== "code") return;
      const src = ([] as string[]).concat(cell.source).join("");
      problems.push(...styleProblems(`${name} cell ${k + 1}`, src));
    });
    const sol = path.join(SOLUTIONS_DIR, `${name}.md`);
    if (fs.existsSync(sol)) {
      tsBlocks(fs.readFileSync(sol, "utf8")).forEach((b, k) => problems.push(...styleProblems(`solutions/${name}.md block ${k + 1}`, b)));
    }
    assert.deepEqual(problems, []);
  });
}

/** Every import statement of a code cell, with its specifier. */
function importsOf(src: string): string[] {
  return [...src.matchAll(/^import\s[^;]*?from\s+"([^"]+)";?/gms)].map((m) => m[1]);
}

for (const file of listNotebooks()) {
  const name = path.basename(file, ".ipynb");
  test(`${name}: one front door: the import cell is at most 3 lines from "./lib/seminar", defaults are set once`, () => {
    const code = readNotebook(file).cells.filter((c) => c.cell_type === "code").map((c) => ([] as string[]).concat(c.source).join(""));
    const first = code[0].trim();
    assert.ok(first.split("\n").length <= 3, `${name}: the import cell has ${first.split("\n").length} lines`);
    assert.deepEqual(importsOf(first), ["./lib/seminar"], `${name}: the import cell imports only the front door`);
    assert.ok(/^import\s/.test(first) && first.replace(/^import\s[^;]*;/gms, "").trim() === "", `${name}: the import cell holds only the import`);
    code.slice(1).forEach((c, k) => assert.deepEqual(importsOf(c), [], `${name} code cell ${k + 2} imports again`));
    const all = code.join("\n");
    const setDefaults = all.match(/setDefaults\(/g) ?? [];
    assert.ok(setDefaults.length <= 1, `${name}: setDefaults is called ${setDefaults.length} times`);
    if (setDefaults.length) {
      const body = all.replace(/^setDefaults\(.*$/m, "");
      for (const opt of ['constant: "stata"', 'cluster: "iso3"']) {
        if (all.match(/^setDefaults\(.*$/m)?.[0].includes(opt)) {
          const inFeols = [...body.matchAll(/feols\([^;]*?\)/gs)].filter((m) => m[0].includes(opt));
          assert.deepEqual(inFeols.map((m) => m[0]), [], `${name}: ${opt} repeated in feols although set by setDefaults`);
        }
      }
    }
  });
}
