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
 * `data/sources.json` (lib/io/manifest.ts) exactly as in Node.
 *
 * Paths are POSIX paths under the virtual repository root `/repo` (what
 * `REPO_ROOT` is in the browser bundle). Writes (writeFileSync, the
 * open/write/rename of an atomic write, mkdirSync, unlinkSync) go to the
 * worker's memory: later reads in the same kernel see them (e.g. a result
 * cache), a kernel restart forgets them, nothing reaches the site. Streams
 * and the rest throw an error that says they are not available.
 */
import { Buffer } from "buffer";

export const VIRTUAL_ROOT = "/repo";

let sizes = new Map<string, number>();
let dirs = new Map<string, Set<string>>();
let baseUrl = "";
const cache = new Map<string, Uint8Array>();

function enoent(p: string, syscall: string): Error {
  const e = new Error(
    `ENOENT: no such file or directory, ${syscall} '${p}' (not served by this site)`,
  );
  Object.assign(e, { code: "ENOENT", errno: -2, syscall, path: p });
  return e;
}

function normal(p: string): string {
  const parts: string[] = [];
  for (const s of p.split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") parts.pop();
    else parts.push(s);
  }
  return "/" + parts.join("/");
}

/** Register every parent folder of `abs` (and `abs` in its parent's listing). */
function addParents(abs: string): void {
  let child = abs;
  for (
    let parent = child.slice(0, child.lastIndexOf("/")) || "/";
    ;
    parent = parent.slice(0, parent.lastIndexOf("/")) || "/"
  ) {
    const set = dirs.get(parent) ?? new Set<string>();
    set.add(child.slice(child.lastIndexOf("/") + 1));
    dirs.set(parent, set);
    if (parent === "/") break;
    child = parent;
  }
}

/** Install the list of served files (relative to the repository root -> size) and their base URL. */
export function configureFs(files: Record<string, number>, url: string): void {
  baseUrl = url.endsWith("/") ? url : url + "/";
  sizes = new Map();
  dirs = new Map();
  for (const [rel, size] of Object.entries(files)) {
    const abs = normal(`${VIRTUAL_ROOT}/${rel}`);
    sizes.set(abs, size);
    addParents(abs);
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
  xhr.open(
    "GET",
    baseUrl +
      abs
        .slice(VIRTUAL_ROOT.length + 1)
        .split("/")
        .map(encodeURIComponent)
        .join("/"),
    false,
  );
  xhr.responseType = "arraybuffer";
  xhr.send();
  if (xhr.status !== 200 && xhr.status !== 0)
    throw new Error(`reading ${abs} from the site failed: HTTP ${xhr.status}`);
  const bytes = new Uint8Array(xhr.response as ArrayBuffer);
  cache.set(abs, bytes);
  return bytes;
}

class Stats {
  constructor(
    readonly size: number,
    private readonly dir: boolean,
  ) {}
  readonly mtimeMs = 0;
  readonly mtime = new Date(0);
  isFile(): boolean {
    return !this.dir;
  }
  isDirectory(): boolean {
    return this.dir;
  }
  isSymbolicLink(): boolean {
    return false;
  }
}

class Dirent {
  constructor(
    readonly name: string,
    private readonly dir: boolean,
    readonly parentPath: string,
  ) {}
  get path(): string {
    return this.parentPath;
  }
  isFile(): boolean {
    return !this.dir;
  }
  isDirectory(): boolean {
    return this.dir;
  }
  isSymbolicLink(): boolean {
    return false;
  }
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

/**
 * The text encodings a read may ask for: those Node's `Buffer` and the `buffer`
 * package both decode (the file is type-checked against each).
 */
export type TextEncoding = "utf8" | "utf-8" | "latin1" | "binary" | "ascii" | "base64" | "hex";

export function readFileSync(
  p: string | number,
  opts?: TextEncoding | { encoding?: TextEncoding | null },
): Buffer | string {
  const bytes = typeof p === "number" ? fdBytes(p) : load(p);
  const enc = typeof opts === "string" ? opts : opts?.encoding;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return enc ? buf.toString(enc) : buf;
}

export function readdirSync(p: string, opts?: { withFileTypes?: boolean }): (string | Dirent)[] {
  const abs = normal(p);
  const names = dirs.get(abs);
  if (!names) throw enoent(p, "scandir");
  const sorted = [...names].sort();
  if (!opts?.withFileTypes) return sorted;
  return sorted.map((n) => new Dirent(n, dirs.has(`${abs === "/" ? "" : abs}/${n}`), abs));
}

const fds = new Map<
  number,
  { bytes: Uint8Array; pos: number; writeTo?: string; chunks?: Uint8Array[] }
>();
let nextFd = 100;
function fdBytes(fd: number): Uint8Array {
  const f = fds.get(fd);
  if (!f) throw new Error(`EBADF: bad file descriptor ${fd}`);
  return f.bytes;
}

export function openSync(p: string, flags: string | number = "r"): number {
  const fd = nextFd++;
  if (flags === "r" || flags === 0) {
    fds.set(fd, { bytes: load(p), pos: 0 });
  } else if (flags === "w" || flags === "wx") {
    const abs = normal(p);
    if (flags === "wx" && sizes.has(abs))
      throw Object.assign(new Error(`EEXIST: file already exists, open '${p}'`), {
        code: "EEXIST",
      });
    if (!dirs.has(abs.slice(0, abs.lastIndexOf("/")) || "/")) throw enoent(p, "open");
    fds.set(fd, { bytes: new Uint8Array(0), pos: 0, writeTo: abs, chunks: [] });
  } else {
    throw notAvailable(`opening ${p} with flags "${flags}"`);
  }
  return fd;
}

export function readSync(
  fd: number,
  buf: Uint8Array,
  offset = 0,
  length = buf.byteLength - offset,
  position: number | null = null,
): number {
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
  const f = fds.get(fd);
  if (f?.writeTo && f.chunks) putFile(f.writeTo, concat(f.chunks));
  fds.delete(fd);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((a, c) => a + c.byteLength, 0));
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

/** Keep a written file in memory (readable by the same kernel until it restarts). */
function putFile(abs: string, bytes: Uint8Array): void {
  cache.set(abs, bytes);
  sizes.set(abs, bytes.byteLength);
  addParents(abs);
}

function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === "string" ? new TextEncoder().encode(data) : data;
}

export function writeSync(
  fd: number,
  data: string | Uint8Array,
  offset = 0,
  length?: number,
): number {
  const f = fds.get(fd);
  if (!f?.chunks) throw new Error(`EBADF: file descriptor ${fd} is not open for writing`);
  const bytes = toBytes(data);
  const part =
    typeof data === "string"
      ? bytes
      : bytes.slice(offset, offset + (length ?? bytes.byteLength - offset));
  f.chunks.push(part);
  return part.byteLength;
}

export function fsyncSync(fd: number): void {
  if (!fds.has(fd)) throw new Error(`EBADF: bad file descriptor ${fd}`);
}

export function writeFileSync(p: string, data: string | Uint8Array): void {
  const abs = normal(p);
  if (!dirs.has(abs.slice(0, abs.lastIndexOf("/")) || "/")) throw enoent(p, "open");
  putFile(abs, toBytes(data));
}

export function mkdirSync(p: string, opts?: { recursive?: boolean }): void {
  const abs = normal(p);
  if (sizes.has(abs))
    throw Object.assign(new Error(`EEXIST: file already exists, mkdir '${p}'`), { code: "EEXIST" });
  if (dirs.has(abs)) {
    if (opts?.recursive) return;
    throw Object.assign(new Error(`EEXIST: file already exists, mkdir '${p}'`), { code: "EEXIST" });
  }
  if (!opts?.recursive && !dirs.has(abs.slice(0, abs.lastIndexOf("/")) || "/"))
    throw enoent(p, "mkdir");
  dirs.set(abs, new Set());
  addParents(abs);
}

function unlist(abs: string): void {
  dirs.get(abs.slice(0, abs.lastIndexOf("/")) || "/")?.delete(abs.slice(abs.lastIndexOf("/") + 1));
}

export function renameSync(from: string, to: string): void {
  const a = normal(from);
  const bytes = cache.get(a) ?? (sizes.has(a) ? load(a) : undefined);
  if (!bytes) throw enoent(from, "rename");
  cache.delete(a);
  sizes.delete(a);
  unlist(a);
  putFile(normal(to), bytes);
}

export function unlinkSync(p: string): void {
  const abs = normal(p);
  if (!sizes.has(abs)) throw enoent(p, "unlink");
  cache.delete(abs);
  sizes.delete(abs);
  unlist(abs);
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
export const appendFileSync = refuse("appendFileSync");
export const rmSync = refuse("rmSync");
export const createWriteStream = refuse("createWriteStream");
export const createReadStream = refuse("createReadStream");
export const mkdtempSync = refuse("mkdtempSync");
export const copyFileSync = refuse("copyFileSync");

/** Run `f` now; its result, or its error as a rejection (as `fs.promises` reports errors). */
function settle<T>(f: () => T): Promise<T> {
  return new Promise((resolve) => resolve(f()));
}

export const promises = {
  readFile: (p: string, opts?: TextEncoding | { encoding?: TextEncoding | null }) =>
    settle(() => readFileSync(p, opts)),
  stat: (p: string) => settle(() => statSync(p)),
  readdir: (p: string, opts?: { withFileTypes?: boolean }) => settle(() => readdirSync(p, opts)),
  writeFile: (p: string, data: string | Uint8Array) => settle(() => writeFileSync(p, data)),
  mkdir: (p: string, opts?: { recursive?: boolean }) => settle(() => mkdirSync(p, opts)),
  rename: (from: string, to: string) => settle(() => renameSync(from, to)),
};

export const constants = { O_RDONLY: 0, F_OK: 0, R_OK: 4 };

export default {
  existsSync,
  statSync,
  lstatSync,
  readFileSync,
  readdirSync,
  openSync,
  readSync,
  fstatSync,
  closeSync,
  writeFileSync,
  appendFileSync,
  mkdirSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
  fsyncSync,
  createWriteStream,
  createReadStream,
  mkdtempSync,
  copyFileSync,
  promises,
  constants,
};
