/**
 * The raw-data manifest (`data/sources.json`) and SHA-256 verification.
 *
 * Every raw file the project can read is listed with its SHA-256, size,
 * publisher, licence and official URL. Loaders call {@link readRaw}, which
 * refuses a file whose hash differs from the manifest, so a result can always
 * be traced to the exact bytes it came from.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT, resolveDataRoot, type DataRootOptions } from "./dataRoot";

export interface SourceMeta {
  publisher: string;
  licence: string;
  url: string;
  citation: string;
}
export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
  source: string;
}
export interface Manifest {
  about: string;
  sources: Record<string, SourceMeta>;
  files: ManifestFile[];
}

let cached: Manifest | undefined;

/** The parsed `data/sources.json`. */
export function manifest(): Manifest {
  if (!cached) cached = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "data", "sources.json"), "utf8")) as Manifest;
  return cached;
}

/** SHA-256 of a buffer, hex. */
export function sha256(buf: Buffer | Uint8Array): string {
  return crypto.createHash("sha256").update(buf).digest("hex");
}

export type VerifyStatus = "ok" | "missing" | "changed" | "unlisted";
export interface VerifyResult {
  path: string;
  status: VerifyStatus;
  expected?: string;
  actual?: string;
  absPath: string;
}

/** Check one file (path relative to the data root) against the manifest. */
export function verifyFile(rel: string, opts: DataRootOptions = {}): VerifyResult {
  const root = resolveDataRoot(opts).dir;
  const absPath = path.join(root, rel);
  const entry = manifest().files.find((f) => f.path === rel);
  if (!fs.existsSync(absPath)) return { path: rel, status: "missing", expected: entry?.sha256, absPath };
  const actual = sha256(fs.readFileSync(absPath));
  if (!entry) return { path: rel, status: "unlisted", actual, absPath };
  return { path: rel, status: actual === entry.sha256 ? "ok" : "changed", expected: entry.sha256, actual, absPath };
}

/** Check every file of the manifest. */
export function verifyAll(opts: DataRootOptions = {}): VerifyResult[] {
  return manifest().files.map((f) => verifyFile(f.path, opts));
}

export interface ReadRawOptions extends DataRootOptions {
  /** Skip the SHA-256 check (for files outside the manifest, e.g. test fixtures). */
  verify?: boolean;
}

/**
 * Read a raw file's bytes after checking its SHA-256 against the manifest.
 * `rel` is relative to the data root. Throws, naming the file, when it is
 * missing, not in the manifest, or changed.
 */
export function readRaw(rel: string, opts: ReadRawOptions = {}): { bytes: Buffer; absPath: string; sha256: string } {
  const root = resolveDataRoot(opts);
  const absPath = path.isAbsolute(rel) ? rel : path.join(root.dir, rel);
  if (!fs.existsSync(absPath)) {
    throw new Error(
      `raw file not found: ${rel}\n  looked in ${root.dir} (data root chosen via ${root.via}).\n` +
        `  Set ALLIANCE_DATA_DIR or pass --data-dir; data/sources.json gives each file's official URL.`,
    );
  }
  const bytes = fs.readFileSync(absPath);
  const actual = sha256(bytes);
  if (opts.verify !== false && !path.isAbsolute(rel)) {
    const entry = manifest().files.find((f) => f.path === rel);
    if (!entry) throw new Error(`${rel}: not listed in data/sources.json; add it with its SHA-256 before reading it`);
    if (entry.sha256 !== actual) {
      throw new Error(`${rel}: SHA-256 ${actual} does not match the manifest (${entry.sha256}); the file was changed or replaced`);
    }
  }
  return { bytes, absPath, sha256: actual };
}
