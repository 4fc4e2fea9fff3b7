/**
 * The Web Worker of the browser kernel: it holds the TypeScript compiler
 * (loaded from the site), the project's library (bundled into this file by
 * scripts/lite/bundle.ts) and the notebook's global state.
 *
 * Protocol (postMessage, one request at a time, answered in order):
 *   main -> worker  { type: "init", siteUrl }            -> { type: "ready" } | { type: "fatal", message }
 *   main -> worker  { type: "execute", id, code }        -> any number of
 *                   { type: "display", id, data } / { type: "stream", id, name, text },
 *                   then { type: "done", id, result?: MIME bundle, error?: { ename, evalue, traceback } }
 */
import type * as TS from "typescript";
import { compileCell } from "./cell";
import { configureFs } from "./fsLayer";
import { setWriteDisplayData } from "./shims/tslabJupyter";
import { formatValue } from "./inspect";
// Generated at build time from the notebooks' import specifiers (scripts/lite/modules.ts).
import { modules } from "alliance-lite-modules";

declare const self: DedicatedWorkerGlobalScope & { ts?: typeof TS };

let ts: typeof TS | undefined;

function lookup(spec: string): unknown {
  const key = spec.replace(/\.(ts|js|mjs|cjs)$/, "").replace(/\/index$/, "");
  const table = modules;
  const mod = table[key] ?? table[spec];
  if (mod === undefined) {
    throw new Error(
      `Cannot find module '${spec}' in the browser kernel. It holds the modules the course notebooks ` +
        `import (${Object.keys(table).length} of them); rebuild the site with \`npm run lite\` after adding an import.`,
    );
  }
  return mod;
}

/** The module, or a rejection naming it when the site does not hold it. */
function importModule(spec: string): Promise<unknown> {
  return new Promise((resolve) => resolve(lookup(spec)));
}

const AsyncFunction = (
  Object.getPrototypeOf(async function () {}) as {
    constructor: new (
      ...args: string[]
    ) => (imp: (s: string) => Promise<unknown>) => Promise<{ value: unknown } | undefined>;
  }
).constructor;

function post(msg: Record<string, unknown>): void {
  self.postMessage(msg);
}

function text(args: unknown[]): string {
  return args.map((a) => (typeof a === "string" ? a : formatValue(a))).join(" ") + "\n";
}

async function execute(id: number, code: string): Promise<void> {
  if (!ts) throw new Error("kernel not initialised");
  const original = {
    log: console.log,
    info: console.info,
    warn: console.warn,
    error: console.error,
  };
  console.log = (...a: unknown[]) => post({ type: "stream", id, name: "stdout", text: text(a) });
  console.info = console.log;
  console.warn = (...a: unknown[]) => post({ type: "stream", id, name: "stderr", text: text(a) });
  console.error = console.warn;
  setWriteDisplayData((msg) => post({ type: "display", id, data: msg.data }));
  try {
    const cell = compileCell(ts, code);
    const fn = new AsyncFunction("__import", cell.body);
    const out = await fn(importModule);
    const result =
      out && out.value !== undefined ? { "text/plain": formatValue(out.value) } : undefined;
    post({ type: "done", id, result });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    post({
      type: "done",
      id,
      error: {
        ename: err.name || "Error",
        evalue: err.message,
        traceback: [err.stack ?? `${err.name}: ${err.message}`],
      },
    });
  } finally {
    setWriteDisplayData(null);
    Object.assign(console, original);
  }
}

async function init(siteUrl: string): Promise<void> {
  const base = siteUrl.endsWith("/") ? siteUrl : siteUrl + "/";
  self.importScripts(base + "alliance/typescript.js");
  ts = self.ts;
  if (!ts)
    throw new Error("the TypeScript compiler did not load from " + base + "alliance/typescript.js");
  const res = await fetch(base + "alliance/files.json");
  if (!res.ok) throw new Error(`alliance/files.json: HTTP ${res.status}`);
  configureFs((await res.json()) as Record<string, number>, base + "alliance/repo/");
}

let queue: Promise<void> = Promise.resolve();
self.onmessage = (ev: MessageEvent) => {
  const msg = ev.data as { type: string; id?: number; code?: string; siteUrl?: string };
  queue = queue.then(async () => {
    if (msg.type === "init") {
      try {
        await init(msg.siteUrl ?? "/");
        post({ type: "ready" });
      } catch (e) {
        post({ type: "fatal", message: e instanceof Error ? e.message : String(e) });
      }
    } else if (msg.type === "execute") {
      await execute(msg.id ?? 0, msg.code ?? "");
    }
  });
};
