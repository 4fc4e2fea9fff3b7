/**
 * scripts/depsCheck.ts (`npm run deps:check`): version comparison, the
 * verdict on a hand-made tree of old versions, the verdict on this
 * repository's installed tree, and proof that danfojs-node's `request` is the
 * project's stand-in: a URL read through danfo is refused with a clear error
 * and a local HTTP server receives nothing, while a file on disk reads as before.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import * as XLSX from "xlsx";
import { checkDeps, compareVersions, formatCheck } from "../../scripts/depsCheck";
import { REPO_ROOT } from "../../lib/io/dataRoot";

test("compareVersions: numeric parts, missing parts as 0, pre-release before release", () => {
  assert.equal(compareVersions("4.1.4", "4.1.3"), 1);
  assert.equal(compareVersions("2.5.0", "4.1.3"), -1);
  assert.equal(compareVersions("0.20.3", "0.20.2"), 1);
  assert.equal(compareVersions("0.18.5", "0.19.3"), -1);
  assert.equal(compareVersions("6.10.0", "6.9.9"), 1);
  assert.equal(compareVersions("1.2", "1.2.0"), 0);
  assert.equal(compareVersions("1.2.0-rc.1", "1.2.0"), -1);
});

test("a tree of the old versions is reported vulnerable, each advisory by its own major line", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "depscheck-"));
  try {
    const pkgs: Record<string, { version: string; name?: string }> = {
      "": { version: "0.0.0" },
      "node_modules/request": { version: "2.88.2" },
      "node_modules/request/node_modules/tough-cookie": { version: "2.5.0" },
      "node_modules/request/node_modules/form-data": { version: "2.3.3" },
      "node_modules/form-data": { version: "4.0.5" },
      "node_modules/qs": { version: "6.5.5" },
      "node_modules/xlsx": { version: "0.18.5" },
    };
    fs.writeFileSync(
      path.join(root, "package-lock.json"),
      JSON.stringify({ lockfileVersion: 3, packages: pkgs }),
    );
    // one copy installed on disk with another version than the lock: the installed one counts
    fs.mkdirSync(path.join(root, "node_modules", "qs"), { recursive: true });
    fs.writeFileSync(
      path.join(root, "node_modules", "qs", "package.json"),
      JSON.stringify({ name: "qs", version: "6.14.0" }),
    );
    const lines = checkDeps(root);
    const verdict = lines.map(
      (l) => `${l.copy.where} ${l.copy.version} ${l.advisory.id} ${l.fixed ?? "none"} ${l.status}`,
    );
    assert.deepEqual(verdict, [
      "node_modules/request/node_modules/tough-cookie 2.5.0 GHSA-72xf-g2v4-qvf3 4.1.3 VULNERABLE",
      "node_modules/request/node_modules/form-data 2.3.3 GHSA-fjxv-7rqg-78g4 2.5.4 VULNERABLE",
      "node_modules/form-data 4.0.5 GHSA-fjxv-7rqg-78g4 4.0.4 fixed",
      "node_modules/form-data 4.0.5 GHSA-hmw2-7cc7-3qxx 4.0.6 VULNERABLE",
      "node_modules/qs 6.14.0 GHSA-6rw7-vpxm-498p 6.14.1 VULNERABLE",
      "node_modules/request 2.88.2 GHSA-p8p7-x288-28g6 none no fix exists",
      "node_modules/xlsx 0.18.5 GHSA-4r6h-8v6p-xvw6 0.19.3 mitigated",
      "node_modules/xlsx 0.18.5 GHSA-5pgg-2g8v-p4x9 0.20.2 mitigated",
    ]);
    assert.match(
      formatCheck(lines),
      /^package\s+installed\s+first fixed\s+status\s+advisory\s+where\n/,
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("this repository's installed tree: fixed copies, xlsx mitigated, request replaced by the stand-in", () => {
  const lines = checkDeps(REPO_ROOT);
  const bad = lines.filter((l) => l.status === "VULNERABLE");
  assert.deepEqual(
    bad.map((l) => `${l.copy.where}@${l.copy.version}`),
    [],
  );
  assert.deepEqual(
    lines.filter((l) => l.status === "no fix exists").map((l) => l.name),
    [],
  );
  // request is the stand-in (shims/request-refused); the old packages it pinned are gone
  const r = lines.filter((l) => l.name === "request");
  assert.deepEqual(
    r.map((l) => `${l.copy.where} ${l.copy.realName ?? ""} ${l.status}`),
    ["node_modules/request request-refused replaced"],
  );
  for (const name of ["tough-cookie", "qs"])
    assert.equal(lines.filter((l) => l.name === name).length, 0, name);
  assert.ok(lines.filter((l) => l.name === "form-data").every((l) => l.status === "fixed"));
  // xlsx is the official SheetJS 0.18.5 from npm, every copy of it (danfo's too, through the
  // override); its two advisories are unreachable behind the SHA-256 gate (test/io/spreadsheet.test.ts).
  const x = lines.filter((l) => l.name === "xlsx");
  assert.deepEqual(
    [...new Set(x.map((l) => `${l.copy.version} ${l.status}`))],
    ["0.18.5 mitigated"],
  );
  assert.equal(x[0]?.copy.realName, undefined);
  assert.equal(XLSX.version, "0.18.5"); // what the code loads, not only what the lock says
  assert.match(formatCheck(x), /mitigated: only SHA-256-verified deposit files reach the parser/);
});

test("danfojs-node with the request stand-in: a URL is refused and nothing is sent; a file reads as before", async () => {
  const danfoDir = path.dirname(require.resolve("danfojs-node/package.json"));
  const requestPj = require.resolve("request/package.json", { paths: [danfoDir] });
  const pkg = JSON.parse(fs.readFileSync(requestPj, "utf8")) as { name: string };
  assert.equal(pkg.name, "request-refused"); // what danfo resolves, not only what the lock says
  const dfd = await import("danfojs-node");
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.end("a,b\n1,2\n");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "danfo-csv-"));
  try {
    const { port } = server.address() as { port: number };
    await assert.rejects(
      dfd.readCSV(`http://127.0.0.1:${port}/t.csv`),
      /danfojs-node tried to read a URL: this project installs no HTTP client/,
    );
    assert.equal(hits, 0);
    const file = path.join(dir, "t.csv");
    fs.writeFileSync(file, "a,b\n1,2\n3,4\n");
    const df = await dfd.readCSV(file);
    assert.deepEqual(df.shape, [2, 2]);
    assert.deepEqual(df.columns, ["a", "b"]);
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
