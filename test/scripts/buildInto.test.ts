/**
 * scripts/buildInto.ts: the output appears whole or not at all, synchronous
 * and asynchronous builds alike, and carried-over entries survive the swap.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildInto } from "../../scripts/buildInto";

const root = mkdtempSync(join(tmpdir(), "build-into-"));
process.on("exit", () => rmSync(root, { recursive: true, force: true }));

/** A previous output `out/` holding old.txt and kernel/k.txt. */
function previous(name: string): string {
  const out = join(root, name);
  mkdirSync(join(out, "kernel"), { recursive: true });
  writeFileSync(join(out, "old.txt"), "old");
  writeFileSync(join(out, "kernel", "k.txt"), "k");
  return out;
}

test("a synchronous build replaces the output and returns what fill returned; nothing left beside it", () => {
  const out = previous("sync");
  const r = buildInto(out, (tmp) => {
    assert.equal(tmp, `${out}.tmp-${process.pid}`);
    writeFileSync(join(tmp, "new.txt"), "new");
    return 7;
  });
  assert.equal(r, 7);
  assert.deepEqual(readdirSync(out), ["new.txt"]);
  assert.deepEqual(
    readdirSync(root).filter((f) => f.startsWith("sync")),
    ["sync"],
  );
});

test("a failed build throws its error, leaves the previous output untouched and removes the temporary folder", () => {
  const out = previous("fail");
  assert.throws(
    () =>
      buildInto(out, (tmp) => {
        writeFileSync(join(tmp, "half.txt"), "half");
        throw new Error("compile error");
      }),
    /compile error/,
  );
  assert.deepEqual(readdirSync(out).sort(), ["kernel", "old.txt"]);
  assert.equal(existsSync(`${out}.tmp-${process.pid}`), false);
});

test("an asynchronous build: resolved, the output is swapped; rejected, the previous one stays", async () => {
  const out = previous("async");
  const r = await buildInto(out, async (tmp) => {
    await Promise.resolve();
    writeFileSync(join(tmp, "a.txt"), "a");
    return "done";
  });
  assert.equal(r, "done");
  assert.deepEqual(readdirSync(out), ["a.txt"]);
  await assert.rejects(
    buildInto(out, async () => {
      await Promise.resolve();
      throw new Error("bundle error");
    }),
    /bundle error/,
  );
  assert.deepEqual(readdirSync(out), ["a.txt"]);
  assert.equal(existsSync(`${out}.tmp-${process.pid}`), false);
});

test("carryOver moves the named entries of the previous output into the new one; a missing one is skipped", () => {
  const out = previous("carry");
  buildInto(out, (tmp) => writeFileSync(join(tmp, "new.txt"), "new"), {
    carryOver: ["kernel", "absent"],
  });
  assert.deepEqual(readdirSync(out).sort(), ["kernel", "new.txt"]);
  assert.equal(readFileSync(join(out, "kernel", "k.txt"), "utf8"), "k");
  // with no previous output at all, the build simply creates it
  const fresh = join(root, "fresh");
  buildInto(fresh, (tmp) => writeFileSync(join(tmp, "x.txt"), "x"), { carryOver: ["kernel"] });
  assert.deepEqual(readdirSync(fresh), ["x.txt"]);
});
