// Are the prebuilt bundle of the `alliance` command (dist/, made by `npm run build`,
// scripts/buildCli.ts) and the notebook kernel's compiled library (dist/kernel/,
// scripts/buildKernel.ts) fresh? Each is when its manifest.json exists, every output it
// lists exists, and every input it lists still has the recorded size and
// modification time. Plain JavaScript because it runs before any TypeScript loader.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

/**
 * Is the build in `dir` (with its manifest.json) fresh? `{ ok, why }`: every
 * output it lists exists and every input still has its recorded size and
 * modification time.
 * @param {string} root repository root
 * @param {string} dir build folder holding manifest.json
 * @param {string} rebuild the command that rebuilds it (for `why`)
 * @returns {{ ok: boolean, why: string }}
 */
function freshBuild(root, dir, rebuild) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
  } catch {
    return { ok: false, why: `no build (run ${rebuild})` };
  }
  for (const out of manifest.outputs || []) {
    if (!fs.existsSync(path.join(dir, out)))
      return { ok: false, why: `build incomplete: ${out} missing` };
  }
  for (const [file, rec] of Object.entries(manifest.inputs || {})) {
    let st;
    try {
      st = fs.statSync(path.join(root, file));
    } catch {
      return { ok: false, why: `${file} is gone since the build` };
    }
    if (st.size !== rec.size || st.mtimeMs !== rec.mtimeMs)
      return { ok: false, why: `${file} changed since the build` };
  }
  return { ok: true, why: "fresh" };
}

/**
 * The path of the main bundle when it is fresh, else null (with the reason in `why`).
 * @param {string} root repository root
 * @param {string} [dist] bundle folder (default root/dist)
 * @returns {{ bundle: string | null, why: string }}
 */
function freshBundle(root, dist = path.join(root, "dist")) {
  const f = freshBuild(root, dist, "npm run build");
  if (!f.ok)
    return {
      bundle: null,
      why: f.why
        .replace(/^no build/, "no bundle")
        .replace(/^build incomplete/, "bundle incomplete"),
    };
  const main = path.join(dist, "alliance.cjs");
  return fs.existsSync(main)
    ? { bundle: main, why: "fresh" }
    : { bundle: null, why: "bundle incomplete: alliance.cjs missing" };
}

/**
 * The notebook kernel's compiled library (dist/kernel, scripts/buildKernel.ts):
 * its folder when fresh, else null with the reason.
 * @param {string} root repository root
 * @param {string} [dir] build folder (default root/dist/kernel)
 * @returns {{ dir: string | null, why: string }}
 */
function freshKernel(root, dir = path.join(root, "dist", "kernel")) {
  const f = freshBuild(root, dir, "npm run build");
  return { dir: f.ok ? dir : null, why: f.why };
}

module.exports = { freshBundle, freshKernel, freshBuild };
