/**
 * The one file-system layer of the browser kernel: the subset of `node:fs`
 * that the library's readers use, served read-only from the static site.
 *
 * At build time `scripts/lite/build.ts` copies the files the notebooks may
 * read (the deposit under `data/raw/`, `data/panel.csv`, `data/sources.json`,
 * `references.bib`) to `<site>/alliance/repo/` and writes their list (path ->
 * bytes) to `<site>/alliance/files.json`. The worker loads that list once;
 * a read fetches the file with a synchronous XMLHttpRequest (allowed in a Web
 * Worker), keeps it in memory, and hands it to the unchanged library code,
 * which still checks each deposit file against its SHA-256 in
 * `data/sources.json` (lib/manifest.ts) exactly as in Node.
 *
 * Paths are POSIX paths under the virtual repository root `/repo` (what
 * `REPO_ROOT` is in the browser bundle). Writing is not available: those
 * calls throw an error that says so.
 */
import { Buffer } from "buffer";

export const VIRTUAL_ROOT = "/repo";

let sizes = new Map<string, number>();
let dirs = new Map<string, Set<string>>();
let baseUrl = "";
const cache = new Map<string, Uint8Array>();

function enoent(p: string, syscall: string): Error {
  const e = new Error(`ENOENT: no such file or directory, ${syscall} '${p}' (not served by this site)`);
  Object.assign(e, { code: "ENOENT", errno: -2, syscall, path: p });
  return e;
}

function normal(p: string): string {
  const parts: string[] = [];
  for (const s of String(p).split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") parts.pop();
    else parts.push(s);
  }
  return "/" + parts.join("/");
}

/** Install the list of served files (relative to the repository root -> size) and their base URL. */
export function configureFs(files: Record<string, number>, url: string): void {
  baseUrl = url.endsWith("/") ? url : url + "/";
  sizes = new Map();
  dirs = new Map();
  for (const [rel, size] of Object.entries(files)) {
    const abs = normal(`${VIRTUAL_ROOT}/${rel}`);
    sizes.set(abs, size);
    let child = abs;
    for (let parent = child.slice(0, child.lastIndexOf("/")) || "/"; ; parent = parent.slice(0, parent.lastIndexOf("/")) || "/") {
      const set = dirs.get(parent) ?? new Set<string>();
      set.add(child.slice(child.lastIndexOf("/") + 1));
      dirs.set(parent, set);
      if (parent === "/") break;
      child = parent;
    }
  }
}

/** Paths read so far (relative to the repository root), for the site's report. */
export function readLog(): string[] {
  return [...cache.keys()].map((p) => p.slice(VIRTUAL_ROOT.length + 1));
}

/** The part of XMLHttpRequest used here (declared so the file also type-checks without the DOM library). */
interface SyncXhr {
  open(method: string, url: string, async: boolean): void;
  send(): void;
  responseType: string;
  status: number;
  response: unknown;
}

function load(p: string): Uint8Array {
  const abs = normal(p);
  const hit = cache.get(abs);
  if (hit) return hit;
  if (!sizes.has(abs)) throw enoent(p, "open");
  const xhr = new (globalThis as unknown as { XMLHttpRequest: new () => SyncXhr }).XMLHttpRequest();
  xhr.open("GET", baseUrl + abs.slice(VIRTUAL_ROOT.length + 1).split("/").map(encodeURIComponent).join("/"), false);
  xhr.responseType = "arraybuffer";
  xhr.send();
  if (xhr.status !== 200 && xhr.status !== 0) throw new Error(`reading ${abs} from the site failed: HTTP ${xhr.status}`);
  const bytes = new Uint8Array(xhr.response as ArrayBuffer);
  cache.set(abs, bytes);
  return bytes;
}

class Stats {
  constructor(readonly size: number, private readonly dir: boolean) {}
  readonly mtimeMs = 0;
  readonly mtime = new Date(0);
  isFile(): boolean { return !this.dir; }
  isDirectory(): boolean { return this.dir; }
  isSymbolicLink(): boolean { return false; }
}

class Dirent {
  constructor(readonly name: string, private readonly dir: boolean, readonly parentPath: string) {}
  get path(): string { return this.parentPath; }
  isFile(): boolean { return !this.dir; }
  isDirectory(): boolean { return this.dir; }
  isSymbolicLink(): boolean { return false; }
}

export function existsSync(p: string): boolean {
  const abs = normal(p);
  return sizes.has(abs) || dirs.has(abs);
}

export function statSync(p: string, opts?: { throwIfNoEntry?: boolean }): Stats | undefined {
  const abs = normal(p);
  const size = sizes.get(abs);
  if (size !== undefined) return new Stats(size, false);
  if (dirs.has(abs)) return new Stats(0, true);
  if (opts && opts.throwIfNoEntry === false) return undefined;
  throw enoent(p, "stat");
}
export const lstatSync = statSync;

export function readFileSync(p: string | number, opts?: string | { encoding?: string | null }): Buffer | string {
  const bytes = typeof p === "number" ? fdBytes(p) : load(p);
  const enc = typeof opts === "string" ? opts : opts?.encoding;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return enc ? buf.toString(enc as "utf8") : buf;
}

export function readdirSync(p: string, opts?: { withFileTypes?: boolean }): (string | Dirent)[] {
  const abs = normal(p);
  const names = dirs.get(abs);
  if (!names) throw enoent(p, "scandir");
  const sorted = [...names].sort();
  if (!opts?.withFileTypes) return sorted;
  return sorted.map((n) => new Dirent(n, dirs.has(`${abs === "/" ? "" : abs}/${n}`), abs));
}

const fds = new Map<number, { bytes: Uint8Array; pos: number }>();
let nextFd = 100;
function fdBytes(fd: number): Uint8Array {
  const f = fds.get(fd);
  if (!f) throw new Error(`EBADF: bad file descriptor ${fd}`);
  return f.bytes;
}

export function openSync(p: string, flags: string | number = "r"): number {
  if (flags !== "r" && flags !== 0) throw notAvailable(`opening ${p} for writing`);
  const bytes = load(p);
  const fd = nextFd++;
  fds.set(fd, { bytes, pos: 0 });
  return fd;
}

export function readSync(fd: number, buf: Uint8Array, offset = 0, length = buf.byteLength - offset, position: number | null = null): number {
  const f = fds.get(fd);
  if (!f) throw new Error(`EBADF: bad file descriptor ${fd}`);
  const start = position ?? f.pos;
  const n = Math.max(0, Math.min(length, f.bytes.byteLength - start));
  buf.set(f.bytes.subarray(start, start + n), offset);
  if (position === null) f.pos = start + n;
  return n;
}

export function fstatSync(fd: number): Stats {
  return new Stats(fdBytes(fd).byteLength, false);
}

export function closeSync(fd: number): void {
  fds.delete(fd);
}

/** The error every write and every node-only facility throws in the browser kernel. */
export function notAvailable(what: string): Error {
  return new Error(
    `${what} is not available in the browser kernel (JupyterLite: no file system to write to, ` +
      "no network downloads of GDELT, no DuckDB, no worker threads). Run this cell in the tslab kernel " +
      "(`npm run lab`) instead.",
  );
}

function refuse(name: string) {
  return (p?: unknown): never => {
    throw notAvailable(`fs.${name}(${typeof p === "string" ? JSON.stringify(p) : ""})`);
  };
}
export const writeFileSync = refuse("writeFileSync");
export const appendFileSync = refuse("appendFileSync");
export const mkdirSync = refuse("mkdirSync");
export const renameSync = refuse("renameSync");
export const rmSync = refuse("rmSync");
export const unlinkSync = refuse("unlinkSync");
export const writeSync = refuse("writeSync");
export const fsyncSync = refuse("fsyncSync");
export const createWriteStream = refuse("createWriteStream");
export const createReadStream = refuse("createReadStream");
export const mkdtempSync = refuse("mkdtempSync");
export const copyFileSync = refuse("copyFileSync");

export const promises = {
  readFile: async (p: string, opts?: string | { encoding?: string | null }) => readFileSync(p, opts),
  stat: async (p: string) => statSync(p),
  readdir: async (p: string, opts?: { withFileTypes?: boolean }) => readdirSync(p, opts),
  writeFile: async (p: string) => refuse("promises.writeFile")(p),
  mkdir: async (p: string) => refuse("promises.mkdir")(p),
  rename: async (p: string) => refuse("promises.rename")(p),
};

export const constants = { O_RDONLY: 0, F_OK: 0, R_OK: 4 };

export default {
  existsSync, statSync, lstatSync, readFileSync, readdirSync, openSync, readSync, fstatSync, closeSync,
  writeFileSync, appendFileSync, mkdirSync, renameSync, rmSync, unlinkSync, writeSync, fsyncSync,
  createWriteStream, createReadStream, mkdtempSync, copyFileSync, promises, constants,
};
