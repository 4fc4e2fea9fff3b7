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
import { DataError } from "./dataError";

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
  if (!cached)
    cached = JSON.parse(
      fs.readFileSync(path.join(REPO_ROOT, "data", "sources.json"), "utf8"),
    ) as Manifest;
  return cached;
}

/** SHA-256 of a buffer, hex. */
export function sha256(buf: Buffer | Uint8Array): string {
  return crypto.createHash("sha256").update(buf).digest("hex");
}

export type VerifyStatus = "ok" | "missing" | "changed" | "unlisted" | "not-a-file";
export interface VerifyResult {
  path: string;
  status: VerifyStatus;
  expected?: string;
  actual?: string;
  absPath: string;
}

/** SHA-256 of a file, read in chunks (never the whole file in memory). */
export function sha256File(absPath: string, chunkBytes = 16 * 1024 * 1024): string {
  const h = crypto.createHash("sha256");
  const fd = fs.openSync(absPath, "r");
  try {
    const buf = Buffer.allocUnsafe(chunkBytes);
    for (let n; (n = fs.readSync(fd, buf, 0, chunkBytes, null)) > 0;) h.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return h.digest("hex");
}

/** Check one file (path relative to the data root) against the manifest. A directory where the file should be is "not-a-file". */
export function verifyFile(rel: string, opts: DataRootOptions = {}): VerifyResult {
  const root = resolveDataRoot(opts).dir;
  const absPath = path.join(root, rel);
  const entry = manifest().files.find((f) => f.path === rel);
  const st = fs.statSync(absPath, { throwIfNoEntry: false });
  if (!st) return { path: rel, status: "missing", expected: entry?.sha256, absPath };
  if (!st.isFile()) return { path: rel, status: "not-a-file", expected: entry?.sha256, absPath };
  const actual = sha256File(absPath);
  if (!entry) return { path: rel, status: "unlisted", actual, absPath };
  return {
    path: rel,
    status: actual === entry.sha256 ? "ok" : "changed",
    expected: entry.sha256,
    actual,
    absPath,
  };
}

/** Check every file of the manifest. */
export function verifyAll(opts: DataRootOptions = {}): VerifyResult[] {
  return manifest().files.map((f) => verifyFile(f.path, opts));
}

/** Provenance notes kept beside the data (SOURCE.md etc.): known, not data, not listed in the manifest. */
export const DOC_FILE_RE = /^(SOURCES?|README|LICENSES)\.(md|txt)$/i;

/**
 * Files under the data root that the manifest does not list (relative paths,
 * sorted), leaving out provenance notes ({@link DOC_FILE_RE}). Symbolic links
 * are not followed.
 */
export function unknownFiles(opts: DataRootOptions = {}): string[] {
  const root = resolveDataRoot(opts).dir;
  const listed = new Set(manifest().files.map((f) => f.path));
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, d.name);
      const rel = path.relative(root, abs).split(path.sep).join("/");
      if (d.isDirectory()) walk(abs);
      else if (!listed.has(rel) && !DOC_FILE_RE.test(d.name)) out.push(rel);
    }
  };
  if (fs.existsSync(root)) walk(root);
  return out.sort();
}

export interface ReadRawOptions extends DataRootOptions {
  /** Skip the SHA-256 check (for files outside the manifest, e.g. test fixtures). */
  verify?: boolean;
}

/** Where a raw file is and what the manifest says of it, without reading it. */
export interface LocatedRaw {
  absPath: string;
  bytes: number;
  /** The manifest entry whose SHA-256 the file must match, or undefined when not checked. */
  entry?: ManifestFile;
}

/**
 * Find a raw file (`rel` relative to the data root, or absolute: then never
 * checked against the manifest) and its manifest entry. Throws a DataError
 * naming the file when it is missing, is a directory, or is not listed.
 */
export function locateRaw(rel: string, opts: ReadRawOptions = {}): LocatedRaw {
  if (path.isAbsolute(rel) && !fs.existsSync(rel))
    throw new DataError(
      rel,
      `file not found: ${rel} (an absolute path is read as given, not from the data root)`,
    );
  const root = resolveDataRoot(opts);
  const absPath = path.isAbsolute(rel) ? rel : path.join(root.dir, rel);
  const st = fs.statSync(absPath, { throwIfNoEntry: false });
  if (!st) {
    throw new DataError(
      rel,
      `raw file not found; looked in ${root.dir} (data root chosen via ${root.via}). ` +
        `The deposit ships in the repository's data/raw/; ALLIANCE_DATA_DIR or --data-dir ` +
        `reads another copy; data/sources.json gives each file's official URL.`,
    );
  }
  if (!st.isFile())
    throw new DataError(
      rel,
      `is a directory (or not a regular file) where a data file should be: ${absPath}`,
    );
  if (opts.verify === false || path.isAbsolute(rel)) return { absPath, bytes: st.size };
  const entry = manifest().files.find((f) => f.path === rel);
  if (!entry)
    throw new DataError(
      rel,
      "not listed in data/sources.json; add it with its SHA-256 before reading it",
    );
  return { absPath, bytes: st.size, entry };
}

/** Throw a DataError unless `actual` is the manifest's SHA-256 of the located file. */
export function checkRawHash(rel: string, loc: LocatedRaw, actual: string): void {
  if (loc.entry && loc.entry.sha256 !== actual) {
    throw new DataError(
      rel,
      `SHA-256 ${actual} does not match the manifest (${loc.entry.sha256}); the file was changed or replaced`,
    );
  }
}

/**
 * Read a raw file's bytes after checking its SHA-256 against the manifest.
 * `rel` is relative to the data root. Throws a DataError naming the file when
 * it is missing, a directory, not in the manifest, or changed.
 */
export function readRaw(
  rel: string,
  opts: ReadRawOptions = {},
): { bytes: Buffer; absPath: string; sha256: string } {
  const loc = locateRaw(rel, opts);
  const bytes = fs.readFileSync(loc.absPath);
  const actual = sha256(bytes);
  checkRawHash(rel, loc, actual);
  return { bytes, absPath: loc.absPath, sha256: actual };
}
