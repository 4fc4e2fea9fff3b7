/**
 * The browser kernel's file-system layer (lite/worker/fsLayer.ts) and the
 * stand-in for node-only modules (lite/worker/shims/unsupported.ts), run in
 * Node with a synchronous XMLHttpRequest stand-in that serves the repository:
 * bytes equal the files', directories come from the served list, writes stay
 * in memory and read back, streams and node-only facilities fail with a message that names them and the tslab kernel.
 */
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import * as vfs from "../../lite/worker/fsLayer";
import { unsupportedModule } from "../../lite/worker/shims/unsupported";

const BASE = "http://site.test/alliance/repo/";
const requested: string[] = [];
const g = globalThis as Record<string, unknown>;

class FakeXhr {
  url = "";
  status = 0;
  response: ArrayBuffer | null = null;
  responseType = "";
  open(_m: string, url: string, async: boolean): void {
    assert.equal(async, false, "reads are synchronous");
    this.url = url;
  }
  send(): void {
    requested.push(this.url);
    const rel = decodeURIComponent(this.url.slice(BASE.length));
    const file = path.join(REPO_ROOT, rel);
    if (!fs.existsSync(file)) {
      this.status = 404;
      return;
    }
    const b = fs.readFileSync(file);
    this.response = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    this.status = 200;
  }
}

before(() => {
  g.XMLHttpRequest = FakeXhr;
  const panel = fs.statSync(path.join(REPO_ROOT, "data", "panel.csv")).size;
  const sources = fs.statSync(path.join(REPO_ROOT, "data", "sources.json")).size;
  vfs.configureFs(
    { "data/panel.csv": panel, "data/sources.json": sources, "data/raw/wdi/missing.csv": 10 },
    BASE,
  );
});
after(() => {
  delete g.XMLHttpRequest;
});

test("reads return the file's bytes, once fetched and then cached", () => {
  const text = vfs.readFileSync("/repo/data/panel.csv", "utf8");
  assert.equal(text, fs.readFileSync(path.join(REPO_ROOT, "data", "panel.csv"), "utf8"));
  const again = vfs.readFileSync("/repo/lib/../data/panel.csv");
  assert.equal(typeof again, "object", "no encoding: bytes, not a string");
  assert.equal(requested.filter((u) => u.endsWith("data/panel.csv")).length, 1);
  const fd = vfs.openSync("/repo/data/sources.json");
  const buf = new Uint8Array(16);
  assert.equal(vfs.readSync(fd, buf, 0, 16, null), 16);
  assert.equal(
    new TextDecoder().decode(buf),
    fs.readFileSync(path.join(REPO_ROOT, "data", "sources.json"), "utf8").slice(0, 16),
  );
  vfs.closeSync(fd);
});

test("stat, exists and readdir follow the served list", () => {
  assert.equal(vfs.statSync("/repo/data/panel.csv")?.isFile(), true);
  assert.equal(vfs.statSync("/repo/data/raw")?.isDirectory(), true);
  assert.equal(vfs.statSync("/repo/nope", { throwIfNoEntry: false }), undefined);
  assert.throws(() => vfs.statSync("/repo/nope"), /ENOENT/);
  assert.equal(vfs.existsSync("/repo/data"), true);
  assert.deepEqual(vfs.readdirSync("/repo/data"), ["panel.csv", "raw", "sources.json"]);
  assert.throws(() => vfs.readFileSync("/repo/data/raw/wdi/missing.csv"), /HTTP 404/);
});

test("writes stay in the kernel's memory: an atomic write (open wx, write, rename) reads back", () => {
  vfs.mkdirSync("/repo/build/precomputed", { recursive: true });
  const fd = vfs.openSync("/repo/build/precomputed/.x.json.tmp", "wx");
  assert.equal(vfs.writeSync(fd, '{"a": '), 6);
  vfs.writeSync(fd, new TextEncoder().encode("xx1}"), 2, 2);
  vfs.fsyncSync(fd);
  vfs.closeSync(fd);
  vfs.renameSync("/repo/build/precomputed/.x.json.tmp", "/repo/build/precomputed/x.json");
  assert.equal(vfs.readFileSync("/repo/build/precomputed/x.json", "utf8"), '{"a": 1}');
  assert.deepEqual(vfs.readdirSync("/repo/build/precomputed"), ["x.json"]);
  assert.throws(() => vfs.openSync("/repo/build/precomputed/x.json", "wx"), /EEXIST/);
  assert.throws(() => vfs.writeFileSync("/repo/nowhere/y.txt", "y"), /ENOENT/);
  vfs.unlinkSync("/repo/build/precomputed/x.json");
  assert.equal(vfs.existsSync("/repo/build/precomputed/x.json"), false);
  assert.equal(
    requested.some((u) => u.includes("precomputed")),
    false,
    "nothing written goes to the site",
  );
});

test("streams and node-only modules fail with a message that points to the tslab kernel", () => {
  assert.throws(
    () => vfs.createWriteStream("/repo/out.csv"),
    /createWriteStream\("\/repo\/out.csv"\) is not available in the browser kernel.*tslab kernel/s,
  );
  const wt = unsupportedModule("worker_threads") as { Worker: new () => unknown };
  assert.throws(
    () => new wt.Worker(),
    /worker_threads \(Worker\) is not available in the browser kernel/,
  );
  const duck = unsupportedModule("@duckdb/node-api") as {
    DuckDBInstance: { create: () => unknown };
  };
  assert.throws(
    () => duck.DuckDBInstance.create(),
    /@duckdb\/node-api \(DuckDBInstance\)\.create is not available/,
  );
});
