/**
 * Stand-in for `tslab/dist/jupyter` in the browser kernel: lib/display.ts
 * sends every MIME bundle through `lastWriteDisplayData`, which the worker
 * points at its own display_data sender while a cell runs (undefined
 * otherwise, as in tslab).
 */
type Writer = (msg: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

export let lastWriteDisplayData: Writer | null = null;

export function setWriteDisplayData(w: Writer | null): void {
  lastWriteDisplayData = w;
}
