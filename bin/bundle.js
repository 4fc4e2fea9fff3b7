// Is the prebuilt bundle of the `alliance` command (dist/, made by `npm run build`,
// scripts/buildCli.ts) fresh? It is when dist/manifest.json exists, every output it
// lists exists, and every input it lists still has the recorded size and
// modification time. Plain JavaScript because it runs before any TypeScript loader.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

/**
 * The path of the main bundle when it is fresh, else null (with the reason in `why`).
 * @param {string} root repository root
 * @param {string} [dist] bundle folder (default root/dist)
 * @returns {{ bundle: string | null, why: string }}
 */
function freshBundle(root, dist = path.join(root, "dist")) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dist, "manifest.json"), "utf8"));
  } catch {
    return { bundle: null, why: "no bundle (run npm run build)" };
  }
  for (const out of manifest.outputs || []) {
    if (!fs.existsSync(path.join(dist, out))) return { bundle: null, why: `bundle incomplete: ${out} missing` };
  }
  for (const [file, rec] of Object.entries(manifest.inputs || {})) {
    let st;
    try {
      st = fs.statSync(path.join(root, file));
    } catch {
      return { bundle: null, why: `${file} is gone since the build` };
    }
    if (st.size !== rec.size || st.mtimeMs !== rec.mtimeMs) return { bundle: null, why: `${file} changed since the build` };
  }
  const main = path.join(dist, "alliance.cjs");
  return fs.existsSync(main) ? { bundle: main, why: "fresh" } : { bundle: null, why: "bundle incomplete: alliance.cjs missing" };
}

module.exports = { freshBundle };
