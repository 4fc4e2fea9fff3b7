/**
 * eslint.config.mjs: the length limit on lib/ functions (docs/linting.md).
 * The option is read from the configuration ESLint computes for a lib/ file,
 * then applied to two hand-built functions: 81 lines is reported, 80 is not.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { ESLint, Linter } from "eslint";
import { REPO_ROOT } from "../lib/io/dataRoot";

/** A function of exactly `lines` lines, its first line `function f() {`. */
function fixture(lines: number): string {
  const body = Array.from({ length: lines - 2 }, (_, i) => `  const v${i} = ${i};`);
  return ["function f() {", ...body, "}", ""].join("\n");
}

test("lib/ functions: at most 80 lines, counted with comments and blank lines", async () => {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const config = await eslint.calculateConfigForFile(path.join(REPO_ROOT, "lib", "study.ts"));
  const rule = config?.rules?.["max-lines-per-function"];
  assert.deepEqual(rule, [2, { max: 80, skipBlankLines: false, skipComments: false, IIFEs: true }]);

  const linter = new Linter();
  const lint = (code: string) =>
    linter.verify(code, { rules: { "max-lines-per-function": rule } }).map((m) => m.message);
  assert.equal(fixture(81).split("\n").length - 1, 81);
  assert.deepEqual(lint(fixture(81)), [
    "Function 'f' has too many lines (81). Maximum allowed is 80.",
  ]);
  assert.deepEqual(lint(fixture(80)), []);
});

test("scripts/ and test/ have no length limit", async () => {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const config = await eslint.calculateConfigForFile(path.join(REPO_ROOT, "test", "study.test.ts"));
  assert.ok(config);
  assert.equal(config.rules?.["max-lines-per-function"], undefined);
});
