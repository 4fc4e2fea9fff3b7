/**
 * lib/notebook/mathjsBundle.ts: the one-file mathjs that `npm run build`
 * makes (scripts/buildKernel.ts bundleMathjs) has mathjs's own functions,
 * bit for bit: the statistics danfo calls agree with the installed entry's on
 * random values under the same random pivots, tiny ones included (where
 * mathjs's median itself depends on its random pivots). Registered before danfo loads, it is what
 * danfo's `require("mathjs")` returns, and danfo's group medians and sds are
 * those of mathjs itself; it is not registered when its version differs or
 * mathjs is loaded already. V8's code cache of the bundle is used only for
 * the text it was made from.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { bundleMathjs } from "../../scripts/buildKernel";
import { codeCacheFile, loadBundle, writeCodeCache } from "../../lib/notebook/mathjsBundle";
import { REPO_ROOT } from "../../lib/io/dataRoot";

type Stat = (values: number[]) => unknown;
interface MathStats {
  version: string;
  median: Stat;
  std: Stat;
  variance: Stat;
  mode: Stat;
  mean: Stat;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathjs-bundle-"));
const bundle = path.join(dir, "mathjs.cjs");
bundleMathjs(bundle);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle just written
const bundled = require(bundle) as MathStats;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the installed entry, as danfo requires it
const installed = require("mathjs") as MathStats;

test.after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A seeded Math.random (mulberry32): mathjs's median partitions around random
 * pivots and compares with a tolerance (config.epsilon), so on values within
 * it of each other (tiny ones) the installed mathjs itself returns one of
 * several medians from call to call; with the same random sequence it returns
 * one, and the bundle must return the same.
 */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `f` of `xs` under mathjs `m` with Math.random seeded by `seed` (errors as values). */
function run(m: MathStats, f: keyof Omit<MathStats, "version">, xs: number[], seed: number) {
  const random = Math.random;
  Math.random = seeded(seed);
  try {
    return m[f]([...xs]);
  } catch (e) {
    return `error: ${(e as Error).message}`;
  } finally {
    Math.random = random;
  }
}

test("the bundle's statistics are the installed mathjs's, on random and tiny values", () => {
  assert.equal(bundled.version, installed.version);
  const value = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.double({ min: -1e-300, max: 1e-300, noNaN: true }),
    fc.integer({ min: -5, max: 5 }),
  );
  const names = ["median", "std", "variance", "mode", "mean"] as const;
  fc.assert(
    fc.property(fc.array(value, { minLength: 2, maxLength: 12 }), fc.nat(), (xs, seed) => {
      for (const f of names)
        assert.deepStrictEqual(
          run(bundled, f, xs, seed),
          run(installed, f, xs, seed),
          `${f}(${xs.join(", ")})`,
        );
    }),
    { numRuns: 400 },
  );
  // values on which mathjs's browser build gives another median: both medians the entry gives, by seed
  const tiny = [2.472013974939278e-9, 4.0403867125975433e-13, -3.4365896357278114e-303, -2.79e-19];
  const medians = new Set<unknown>();
  for (let seed = 0; seed < 40; seed++) {
    const m = run(installed, "median", tiny, seed);
    assert.equal(run(bundled, "median", tiny, seed), m);
    medians.add(m);
  }
  assert.equal(medians.size, 2);
});

/** Run CommonJS `code` in a fresh Node (tsx for the TypeScript modules); its stdout as JSON. */
function child(code: string): unknown {
  const r = spawnSync(process.execPath, ["--import", "tsx", "-e", code], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split("\n").pop() ?? "");
}

test("registered before danfo loads, danfo gets the bundle and mathjs's own group statistics", () => {
  const out = child(`
    const mb = require("./lib/notebook/mathjsBundle.ts");
    const registered = mb.registerMathjsBundle(${JSON.stringify(bundle)});
    const danfo = require("danfojs-node");
    const same = require.cache[mb.danfoMathjsPath()].filename === ${JSON.stringify(bundle)};
    const df = new danfo.DataFrame({ g: [1, 1, 1, 2, 2], x: [1, 10, 2.5, 4, 5.5] });
    const agg = df.groupby(["g"]).agg({ x: ["median", "std"] });
    console.log(JSON.stringify({ registered, same, median: agg.column("x_median").values,
      sd: agg.column("x_std").values }));`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the installed entry
  const math = require("mathjs") as MathStats;
  assert.deepEqual(out, {
    registered: true,
    same: true,
    median: [math.median([1, 10, 2.5]), math.median([4, 5.5])],
    sd: [math.std([1, 10, 2.5]), math.std([4, 5.5])],
  });
});

test("not registered when mathjs is loaded already, or for another version", () => {
  const stale = path.join(dir, "stale.cjs");
  fs.writeFileSync(stale, 'module.exports = { version: "0.0.1" };\n');
  const out = child(`
    const mb = require("./lib/notebook/mathjsBundle.ts");
    const otherVersion = mb.registerMathjsBundle(${JSON.stringify(stale)});
    require("mathjs");
    const loaded = mb.registerMathjsBundle(${JSON.stringify(bundle)});
    const missing = mb.registerMathjsBundle(${JSON.stringify(path.join(dir, "none.cjs"))});
    console.log(JSON.stringify({ otherVersion, loaded, missing }));`);
  assert.deepEqual(out, { otherVersion: false, loaded: false, missing: false });
});

test("the code cache is used for the text it was made from, never for another", () => {
  const copy = path.join(dir, "cached.cjs");
  fs.copyFileSync(bundle, copy);
  writeCodeCache(copy);
  const withCache = loadBundle(copy);
  assert.equal(withCache.cacheUsed, true);
  const math = withCache.module.exports as MathStats;
  assert.equal(math.version, installed.version);
  assert.equal(math.median([3, 1, 2, 10]), installed.median([3, 1, 2, 10]));
  // same length, another text: the stored hash differs, the cache is not given to V8
  const text = fs.readFileSync(copy, "utf8");
  fs.writeFileSync(copy, text.replace("mathjs", "MATHJS"));
  assert.equal(fs.statSync(copy).size, Buffer.byteLength(text));
  assert.equal(loadBundle(copy).cacheUsed, false);
  fs.rmSync(codeCacheFile(copy));
  assert.equal(loadBundle(copy).cacheUsed, false);
});
