/**
 * Records that node_modules matches package-lock.json: writes the lock file's
 * SHA-256 to node_modules/.alliance-lock.sha256. Run by `npm ci` / `npm
 * install` through the `prepare` script, and checked by scripts/setup.sh, so
 * that `npm ci` followed by `npm run setup` does not run `npm ci` twice.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "..");

/** The stamp file and the hash it must hold. */
export function installStamp(root: string = ROOT): { file: string; hash: string } {
  const hash = createHash("sha256")
    .update(readFileSync(join(root, "package-lock.json")))
    .digest("hex");
  return { file: join(root, "node_modules", ".alliance-lock.sha256"), hash };
}

if (require.main === module) {
  const { file, hash } = installStamp();
  if (existsSync(join(ROOT, "node_modules"))) writeFileSync(file, `${hash}\n`);
}
