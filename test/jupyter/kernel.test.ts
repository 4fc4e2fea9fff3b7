import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { freshKernel } from "../../bin/bundle";
import { checkKernelSnapshot, kernelSnapshotPath } from "../../bin/kernelSnapshot";
import { TYPESCRIPT } from "../../bin/typescriptCodeCache";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import {
  jupyterEnv,
  kernelPaths,
  kernelSpec,
  KERNEL_NAME,
  writeLabSettings,
} from "../../scripts/jupyter/kernel";

test("the kernel's display name is the readable one the notebooks carry", () => {
  assert.equal(kernelSpec("/repo").display_name, "TypeScript (alliance)");
});

test("the kernelspec starts tslab through the repo-root wrapper with Jupyter's connection file", () => {
  const spec = kernelSpec("/repo");
  assert.deepEqual(spec.argv, [
    "/bin/sh",
    "/repo/scripts/jupyter/tslab-kernel.sh",
    "kernel",
    "--config-path",
    "{connection_file}",
  ]);
  assert.equal(spec.language, "typescript");
  assert.equal(
    kernelPaths("/repo").specDir,
    `/repo/.jupyter-local/share/jupyter/kernels/${KERNEL_NAME}`,
  );
});

test("jupyterEnv puts the local kernels first and keeps runtime files inside the prefix", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "alliance-kernel-"));
  try {
    const env = jupyterEnv(root, { JUPYTER_PATH: "/elsewhere", PATH: "/bin" });
    assert.equal(
      env.JUPYTER_PATH,
      `${root}/.jupyter-local/share/jupyter${path.delimiter}/elsewhere`,
    );
    assert.equal(env.JUPYTER_RUNTIME_DIR, `${root}/.jupyter-local/runtime`);
    // nothing of Jupyter's own goes to the home folder: data and config dirs are inside the prefix too
    assert.equal(env.JUPYTER_DATA_DIR, `${root}/.jupyter-local/share/jupyter`);
    assert.equal(env.JUPYTER_CONFIG_DIR, `${root}/.jupyter-local/config`);
    assert.ok(fs.existsSync(env.JUPYTER_RUNTIME_DIR));
    assert.equal(env.PATH, "/bin");
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("the wrapper starts tslab in dist/kernel/ while the compiled library is fresh, else in the repository root; from the snapshot when it fits", () => {
  const w = kernelPaths().wrapper;
  const text = fs.readFileSync(w, "utf8");
  assert.match(text, /exec node "\$root\/bin\/tslab\.js" "\$@"/);
  assert.match(text, /exec node --snapshot-blob "\$blob" "\$root\/bin\/tslab\.js" "\$@"/);
  const where = (env: Record<string, string>) => {
    const r = spawnSync("/bin/sh", [w], {
      encoding: "utf8",
      env: { ...process.env, ALLIANCE_KERNEL_PRINT_DIR: "1", ...env },
    });
    assert.equal(r.status, 0, r.stderr);
    const [dir, blob] = r.stdout.split("\n");
    return { dir, blob, stderr: r.stderr };
  };
  const fresh = freshKernel(REPO_ROOT);
  const r = where({});
  assert.equal(r.dir, fresh.dir ? path.join(REPO_ROOT, "dist", "kernel") : REPO_ROOT);
  if (!fresh.dir) assert.match(r.stderr, /tslab-kernel: compiling the TypeScript sources: /);
  const snapshot = checkKernelSnapshot(kernelSnapshotPath(REPO_ROOT), TYPESCRIPT, r.dir);
  assert.equal(r.blob, snapshot.ok ? kernelSnapshotPath(REPO_ROOT) : "");
  if (!snapshot.ok) assert.match(r.stderr, /tslab-kernel: without its snapshot: /);
  const src = where({ ALLIANCE_KERNEL_SOURCES: "1" });
  assert.equal(src.dir, REPO_ROOT, "ALLIANCE_KERNEL_SOURCES=1 forces the sources");
  assert.equal(src.blob, "", "no snapshot for the sources");
  const off = where({ ALLIANCE_KERNEL_SNAPSHOT: "0" });
  assert.equal(off.blob, "");
  assert.match(off.stderr, /tslab-kernel: without its snapshot: ALLIANCE_KERNEL_SNAPSHOT=0\n/);
});

test("Lab settings: no news pop-up and no update check (JupyterLab 4 notification schema); a user's own file is kept", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alliance-labsettings-"));
  try {
    const file = path.join(
      dir,
      "@jupyterlab",
      "apputils-extension",
      "notification.jupyterlab-settings",
    );
    assert.deepEqual(writeLabSettings(dir), [file]);
    assert.deepEqual(JSON.parse(fs.readFileSync(file, "utf8")), {
      fetchNews: "false",
      checkForUpdates: false,
    });
    fs.writeFileSync(file, '{ "fetchNews": "true" }');
    assert.deepEqual(writeLabSettings(dir), []);
    assert.equal(fs.readFileSync(file, "utf8"), '{ "fetchNews": "true" }');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
