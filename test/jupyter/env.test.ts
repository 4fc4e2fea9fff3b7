import { test } from "node:test";
import assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  choiceFile,
  ensureJupyter,
  findHostPython,
  findJupyter,
  recordedJupyter,
  markerFile,
  pipLine,
  probe,
  requirementCount,
  requirementsHash,
  shebangPython,
  venvComplete,
  venvDir,
  venvPython,
  type PipProgress,
} from "../../scripts/jupyter/env";

/** A throw-away repository root with a requirements file. */
function fakeRoot(reqs = "# comment\nnbconvert==7.17.2\n\nplotly==7.1.0\n"): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "alliance-env-"));
  fs.mkdirSync(path.join(root, "requirements"));
  fs.writeFileSync(path.join(root, "requirements", "jupyter.txt"), reqs);
  return root;
}

/** A fake python: a shell script that prints `out` for any arguments. */
function fakePython(dir: string, name: string, out: string, code = 0): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, `#!/bin/sh\nprintf '%s\\n' '${out}'\nexit ${code}\n`);
  fs.chmodSync(f, 0o755);
  return f;
}

test("the marker holds the SHA-256 of requirements/jupyter.txt; a missing or stale marker means incomplete", () => {
  const root = fakeRoot();
  try {
    const want = crypto
      .createHash("sha256")
      .update("# comment\nnbconvert==7.17.2\n\nplotly==7.1.0\n")
      .digest("hex");
    assert.equal(requirementsHash(root), want);
    assert.equal(requirementCount(path.join(root, "requirements", "jupyter.txt")), 2);
    const dir = venvDir(root, {});
    assert.equal(dir, path.join(root, ".venv"));
    assert.equal(venvDir(root, { ALLIANCE_VENV: "/opt/v" }), "/opt/v");
    fs.mkdirSync(path.dirname(venvPython(dir)), { recursive: true });
    fs.writeFileSync(venvPython(dir), "");
    assert.equal(venvComplete(dir, root), false, "no marker: an interrupted creation");
    fs.writeFileSync(markerFile(dir), want + "\n");
    assert.equal(venvComplete(dir, root), true);
    fs.appendFileSync(path.join(root, "requirements", "jupyter.txt"), "jupyterlab==4.6.6\n");
    assert.equal(venvComplete(dir, root), false, "requirements changed: rebuild");
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("pipLine counts Collecting/Processing lines and notices the install phase", () => {
  const p: PipProgress = { collected: 0, downloaded: 0, installing: false };
  assert.equal(
    pipLine(p, "Collecting anyio==4.16.0 (from -r requirements/jupyter.txt (line 3))"),
    true,
  );
  assert.equal(pipLine(p, "  Downloading anyio-4.16.0-py3-none-any.whl (134 kB)"), false);
  assert.equal(
    pipLine(p, "Processing /opt/pypi/files/arrow-1.4.0-py3-none-any.whl (from -r x (line 6))"),
    true,
  );
  assert.equal(pipLine(p, "WARNING: Location 'file:///x' is ignored"), false);
  assert.equal(pipLine(p, "Installing collected packages: anyio, arrow"), true);
  assert.deepEqual(p, { collected: 2, downloaded: 1, installing: true });
});

test("shebangPython reads the interpreter of a launcher script, and only a python", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alliance-env-"));
  try {
    fs.writeFileSync(path.join(dir, "jupyter"), "#!/opt/venv/bin/python3.11\nimport sys\n");
    fs.writeFileSync(path.join(dir, "other"), "#!/bin/sh\necho\n");
    assert.equal(shebangPython(path.join(dir, "jupyter")), "/opt/venv/bin/python3.11");
    assert.equal(shebangPython(path.join(dir, "other")), undefined);
    assert.equal(shebangPython(path.join(dir, "missing")), undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("probe reads the interpreter's answer; ALLIANCE_PYTHON without nbconvert is an error naming it", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alliance-env-"));
  try {
    const ok = fakePython(dir, "pyok", '{"version": "3.11.7", "missing": []}');
    const lacks = fakePython(
      dir,
      "pylacks",
      '{"version": "3.11.2", "missing": ["nbconvert", "nbclient"]}',
    );
    const broken = fakePython(dir, "pybroken", "", 1);
    assert.deepEqual(probe(ok, "execute"), { ok: true, version: "3.11.7", missing: [] });
    assert.deepEqual(probe(lacks, "execute"), {
      ok: false,
      version: "3.11.2",
      missing: ["nbconvert", "nbclient"],
    });
    assert.equal(probe(broken, "execute").ok, false);
    assert.deepEqual(findJupyter("execute", { ALLIANCE_PYTHON: ok, PATH: "" }, fakeRoot()), {
      python: ok,
      via: "ALLIANCE_PYTHON",
      version: "3.11.7",
    });
    assert.throws(
      () => findJupyter("execute", { ALLIANCE_PYTHON: lacks, PATH: "" }),
      /missing nbconvert, nbclient/,
    );
    // on PATH: the first python3 that has everything
    fs.copyFileSync(ok, path.join(dir, "python3"));
    fs.chmodSync(path.join(dir, "python3"), 0o755);
    const root = fakeRoot();
    assert.deepEqual(findJupyter("execute", { PATH: dir }, root), {
      python: path.join(dir, "python3"),
      via: "PATH",
      version: "3.11.7",
    });
    fs.rmSync(root, { recursive: true, force: true });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("findHostPython names what is missing: venv/ensurepip, an old version; the real python3 here can create a venv", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alliance-env-"));
  try {
    fakePython(dir, "python3", "3.11.2 ensurepip");
    const d = findHostPython({ PATH: dir });
    const mine = d.problems.find((p) => p.startsWith(path.join(dir, "python3")));
    assert.match(mine ?? "", /no 'ensurepip'.*apt-get install python3-venv/);
    fakePython(dir, "python3", "3.8.10 ");
    assert.match(findHostPython({ PATH: dir }).problems[0], /3\.8\.10 is too old; need >= 3\.9/);
    const real = findHostPython(process.env);
    assert.ok(real.host, `this machine's python3 should create venvs: ${real.problems.join("; ")}`);
    assert.match(real.host.version, /^3\.\d+\.\d+$/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the Jupyter chosen once is recorded in .jupyter-local/ and used without ALLIANCE_PYTHON until another is chosen", async () => {
  const root = fakeRoot();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alliance-choice-"));
  try {
    const a = fakePython(dir, "pya", '{"version": "3.11.7", "missing": []}');
    const b = fakePython(dir, "pyb", '{"version": "3.12.1", "missing": []}');
    const quiet = () => undefined;
    assert.equal(recordedJupyter(root), undefined);
    assert.deepEqual(
      await ensureJupyter({ env: { ALLIANCE_PYTHON: a, PATH: "" }, root, log: quiet }),
      { python: a, via: "ALLIANCE_PYTHON", version: "3.11.7" },
    );
    assert.equal(choiceFile(root), path.join(root, ".jupyter-local", "python.json"));
    assert.deepEqual(recordedJupyter(root), { python: a, via: "ALLIANCE_PYTHON" });
    // later, without the variable (npm run lab, replicate, test): the recorded one, not a venv build
    assert.deepEqual(await ensureJupyter({ env: { PATH: "" }, root, log: quiet }), {
      python: a,
      via: "recorded",
      version: "3.11.7",
    });
    // choosing another replaces the record
    assert.equal(
      (await ensureJupyter({ env: { ALLIANCE_PYTHON: b, PATH: "" }, root, log: quiet })).python,
      b,
    );
    assert.deepEqual(recordedJupyter(root), { python: b, via: "ALLIANCE_PYTHON" });
    assert.equal(findJupyter("execute", { PATH: "" }, root)?.python, b);
    // a recorded Jupyter that no longer works is passed over (here: the next one on PATH is found and recorded)
    fs.writeFileSync(b, "#!/bin/sh\nexit 1\n");
    fakePython(dir, "python3", '{"version": "3.11.9", "missing": []}');
    const next = await ensureJupyter({ env: { PATH: dir }, root, log: quiet });
    assert.deepEqual(next, { python: path.join(dir, "python3"), via: "PATH", version: "3.11.9" });
    assert.deepEqual(recordedJupyter(root), { python: path.join(dir, "python3"), via: "PATH" });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
