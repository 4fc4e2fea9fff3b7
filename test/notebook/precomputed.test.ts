import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  canonicalJson,
  inputsHash,
  precomputed,
  recomputeForced,
} from "../../lib/notebook/precomputed";

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "precomputed-"));

test("canonical JSON sorts keys at every level, so the hash ignores key order", () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: "x" } }),
    '{"a":{"c":"x","d":[2,{"y":2,"z":1}]},"b":1}',
  );
  assert.equal(inputsHash({ R: 1000, seed: "s" }), inputsHash({ seed: "s", R: 1000 }));
  assert.notEqual(inputsHash({ R: 1000 }), inputsHash({ R: 999 }));
  // sha256 of the string "{}" (hand-checked with `printf '{}' | sha256sum`)
  assert.equal(inputsHash({}), "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  assert.throws(() => canonicalJson({ x: NaN }), /not JSON-serialisable/);
});

test("first call computes and writes; second reads back without computing; other inputs recompute", () => {
  const dir = tmpDir();
  let calls = 0;
  const spec = (R: number) => ({
    name: "toy",
    inputs: { R },
    compute: () => {
      calls++;
      return { sum: R * 2, rows: [1, 2] };
    },
  });
  const a = precomputed(spec(3), { dir, recompute: false });
  assert.equal(a.source, "computed");
  assert.equal(a.reason, "no file");
  assert.deepEqual(a.value, { sum: 6, rows: [1, 2] });
  assert.equal(calls, 1);
  const b = precomputed(spec(3), { dir, recompute: false });
  assert.equal(b.source, "build");
  assert.deepEqual(b.value, { sum: 6, rows: [1, 2] });
  assert.equal(calls, 1);
  assert.equal(b.seconds, a.seconds);
  const c = precomputed(spec(4), { dir, recompute: false });
  assert.equal(c.source, "computed");
  assert.equal(c.reason, "inputs changed");
  assert.equal(calls, 2);
  const d = precomputed(spec(4), { dir, recompute: true });
  assert.equal(d.reason, "forced");
  assert.equal(calls, 3);
  // no temporary file is left beside the result
  assert.deepEqual(fs.readdirSync(dir), ["toy.json"]);
  const stored = JSON.parse(fs.readFileSync(path.join(dir, "toy.json"), "utf8")) as {
    inputsHash: string;
  };
  assert.equal(stored.inputsHash, inputsHash({ R: 4 }));
});

test("a failing computation leaves the previous file untouched", () => {
  const dir = tmpDir();
  precomputed({ name: "keep", inputs: 1, compute: () => 10 }, { dir, recompute: false });
  const before = fs.readFileSync(path.join(dir, "keep.json"), "utf8");
  assert.throws(
    () =>
      precomputed(
        {
          name: "keep",
          inputs: 2,
          compute: () => {
            throw new Error("boom");
          },
        },
        { dir },
      ),
    /boom/,
  );
  assert.equal(fs.readFileSync(path.join(dir, "keep.json"), "utf8"), before);
  assert.throws(
    () => precomputed({ name: "keep", inputs: 3, compute: () => ({ v: Infinity }) }, { dir }),
    /not JSON/,
  );
  assert.equal(fs.readFileSync(path.join(dir, "keep.json"), "utf8"), before);
});

test("bad names and corrupt files are refused with a clear error", () => {
  const dir = tmpDir();
  assert.throws(
    () => precomputed({ name: "../x", inputs: 1, compute: () => 1 }, { dir }),
    /bad name/,
  );
  fs.writeFileSync(path.join(dir, "bad.json"), "{not json");
  assert.throws(
    () => precomputed({ name: "bad", inputs: 1, compute: () => 1 }, { dir, recompute: false }),
    /not valid JSON/,
  );
});

test("ALLIANCE_RECOMPUTE: 1, all, or a list of names", () => {
  assert.equal(recomputeForced("size", undefined), false);
  assert.equal(recomputeForced("size", "1"), true);
  assert.equal(recomputeForced("size", "all"), true);
  assert.equal(recomputeForced("size", "other, size"), true);
  assert.equal(recomputeForced("size", "other"), false);
});
