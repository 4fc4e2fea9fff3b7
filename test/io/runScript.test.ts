import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError } from "../../lib/io/dataError";
import { errorLine, isExpectedError } from "../../lib/io/runScript";

test("expected failures: DataError, file-system errors, download errors; anything else is a bug", () => {
  assert.equal(isExpectedError(new DataError("f.csv", "bad", { row: 3 })), true);
  assert.equal(
    isExpectedError(Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT" })),
    true,
  );
  assert.equal(isExpectedError(Object.assign(new Error("x"), { name: "DownloadError" })), true);
  assert.equal(isExpectedError(new TypeError("cannot read properties of undefined")), false);
  assert.equal(isExpectedError(new RangeError("non-finite value NaN in the panel")), false);
  assert.equal(isExpectedError("a string"), false);
});

test("the error line folds line breaks into one line", () => {
  assert.equal(
    errorLine(
      new DataError(
        "wdi/gdp.csv",
        "raw file not found: wdi/gdp.csv\n  looked in /x.\n  Set ALLIANCE_DATA_DIR",
      ),
    ),
    "error: wdi/gdp.csv: raw file not found: wdi/gdp.csv looked in /x. Set ALLIANCE_DATA_DIR",
  );
});

// Issue 19: a flag without its value is one line, not the default or a stack; a closed pipe ends quietly.
test("scripts: --data-dir / --out without a value, and `| head -1`, end in one line or quietly", async () => {
  const { spawnSync } = await import("node:child_process");
  const path = await import("node:path");
  const root = path.join(__dirname, "..", "..");
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const v = spawnSync(tsx, ["scripts/dataVerify.ts", "--data-dir"], {
    cwd: root,
    encoding: "utf8",
  });
  assert.equal(v.status, 1);
  assert.equal(v.stderr, "error: --data-dir needs a folder (--data-dir FOLDER)\n");
  assert.equal(v.stdout, "");
  const b = spawnSync(tsx, ["scripts/buildPanel.ts", "--out"], { cwd: root, encoding: "utf8" });
  assert.equal(b.status, 1);
  assert.equal(b.stderr, "error: --out needs a file (--out FILE)\n");
  const p = spawnSync("sh", ["-c", `"${tsx}" scripts/dataVerify.ts | head -1`], {
    cwd: root,
    encoding: "utf8",
  });
  assert.match(p.stdout, /^data root: /);
  assert.doesNotMatch(p.stderr, /EPIPE|Error|at /, p.stderr);
});
