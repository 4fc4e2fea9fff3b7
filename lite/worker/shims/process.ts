/** The `process` global of the browser kernel (injected into the bundle): no environment, root /repo. */
const start = performance.now();
export const process = {
  env: {} as Record<string, string | undefined>,
  argv: ["browser"],
  platform: "browser",
  version: "v20.0.0",
  versions: {} as Record<string, string>,
  pid: 1,
  exitCode: undefined as number | undefined,
  cwd: (): string => "/repo",
  nextTick: (fn: (...a: unknown[]) => void, ...args: unknown[]): void => queueMicrotask(() => fn(...args)),
  hrtime: Object.assign(
    (prev?: [number, number]): [number, number] => {
      const t = performance.now() - start;
      const s = Math.floor(t / 1000);
      const ns = Math.floor((t % 1000) * 1e6);
      return prev ? [s - prev[0], ns - prev[1]] : [s, ns];
    },
    { bigint: (): bigint => BigInt(Math.floor((performance.now() - start) * 1e6)) },
  ),
  memoryUsage: () => ({ rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 }),
  stdout: { write: (s: string): boolean => (console.log(s.replace(/\n$/, "")), true), isTTY: false, columns: 100 },
  stderr: { write: (s: string): boolean => (console.error(s.replace(/\n$/, "")), true), isTTY: false, columns: 100 },
  on: (): void => undefined,
  once: (): void => undefined,
  off: (): void => undefined,
  emitWarning: (w: unknown): void => console.warn(String(w)),
};
