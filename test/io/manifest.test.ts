import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  manifest,
  readRaw,
  sha256,
  unknownFiles,
  verifyAll,
  verifyFile,
} from "../../lib/io/manifest";
import { REPO_ROOT } from "../../lib/io/dataRoot";

test("sha256 of a known string", () => {
  assert.equal(
    sha256(Buffer.from("abc")),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
});

test("every manifest file of the deposit verifies", () => {
  const bad = verifyAll().filter((r) => r.status !== "ok");
  assert.deepEqual(
    bad.map((b) => `${b.status} ${b.path}`),
    [],
  );
  assert.ok(manifest().files.length >= 50);
});

test("a changed or missing file is reported, and readRaw refuses it", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "root-"));
  fs.mkdirSync(path.join(dir, "oil"));
  fs.writeFileSync(path.join(dir, "oil", "wti-year.csv"), "Date,Price\n2016-06-30,43.29\n");
  assert.equal(verifyFile("oil/wti-year.csv", { dataDir: dir }).status, "changed");
  assert.equal(verifyFile("wdi/gdp.csv", { dataDir: dir }).status, "missing");
  assert.throws(
    () => readRaw("oil/wti-year.csv", { dataDir: dir }),
    /SHA-256 .* does not match the manifest/,
  );
  assert.throws(() => readRaw("oil/not-listed.csv", { dataDir: dir }), /raw file not found/);
});

test("the deposit ships in data/raw: every source folder has its provenance note and a licence row", () => {
  const raw = path.join(REPO_ROOT, "data", "raw");
  const licences = fs.readFileSync(path.join(raw, "LICENSES.md"), "utf8");
  const sources = manifest().sources;
  assert.equal(Object.keys(sources).length, 13);
  for (const [name, s] of Object.entries(sources)) {
    const note = ["SOURCE.md", "SOURCES.md"].find((f) => fs.existsSync(path.join(raw, name, f)));
    assert.ok(note, `${name}/ has no SOURCE.md`);
    const row = licences.split("\n").find((l) => l.startsWith(`| \`${name}/\` |`));
    assert.ok(row, `LICENSES.md has no row for ${name}/`);
    assert.ok(
      row.includes(s.licence),
      `LICENSES.md row for ${name}/ differs from sources.json: ${s.licence}`,
    );
  }
  // Nothing in data/raw that the manifest does not list, provenance notes aside.
  assert.deepEqual(unknownFiles({ dataDir: raw }), []);
});
