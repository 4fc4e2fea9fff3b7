/** Types of bin/kernelSnapshot.js (plain JavaScript: Node builds the snapshot from it, and the kernel loads it before any TypeScript loader). */

/** The snapshot's store in a kernel started from it (`globalThis[STORE]`). */
export interface SnapshotStore {
  /** tslab's TypeScript, changed to ask the store first. */
  ts: unknown;
  /** The folder the snapshot was made in (where the kernel starts). */
  cwd: string;
  typescript: { file: string; size: number; mtimeMs: number };
  /** The parsed and bound declaration files, by file name. */
  files: Map<string, { text: string }>;
  /** How often a file was handed out, and refused (text, version, format or options differ). */
  taken: number;
  refused: number;
  take(
    fileName: string,
    text: string,
    languageVersionOrOptions: unknown,
    compilerOptions: Record<string, unknown>,
  ): unknown;
}

/** What the record beside a snapshot holds. */
export interface SnapshotRecord {
  node: string;
  execPath: string;
  platform: string;
  arch: string;
  cwd: string;
  typescript: { file: string; size: number; mtimeMs: number };
  files: number;
  bytes: number;
  [made: string]: unknown;
}

export declare const STORE: unique symbol;
export declare function kernelSnapshotPath(root: string): string;
export declare function recordPath(blob: string): string;
export declare function askSnapshotFirst(text: string): { source: string } | { why: string };
export declare function tslabOptions(
  ts: unknown,
  cwd: string,
  tslabDir: string,
): Record<string, unknown>;
export declare function useKernelSnapshot(typescript: string): { used: boolean; why: string };
export declare function checkKernelSnapshot(
  blob: string,
  typescript: string,
  cwd: string,
): { ok: boolean; why: string; record?: SnapshotRecord };
export declare function writeKernelSnapshot(
  blob: string,
  spec: {
    typescript: string;
    tslabDir: string;
    front: string;
    cwd: string;
    made?: Record<string, unknown>;
  },
): { bytes: number; files: number; ms: number };
