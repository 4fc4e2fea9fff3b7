/**
 * `npm run build` (also run by `npm ci` through the `prepare` script): bundles
 * the `alliance` command into plain JavaScript under dist/, so the command
 * starts without compiling TypeScript.
 *
 *   dist/alliance.cjs         lib/cli/main.ts + `alliance fe` (what bin/alliance.js loads)
 *   dist/gdelt.cjs            lib/cli/gdelt.ts, loaded only by `alliance gdelt`
 *   dist/ingestCsvWorker.cjs  the worker thread of the parallel CSV reader (lib/ingest/ingestCsvWorker.ts)
 *   dist/manifest.json        every input file with its size and modification time
 *
 * Why: with tsx, which compiles the TypeScript on each start, `alliance fe`
 * spent about 0.22 s before reading its file; the bundle loads in about
 * 0.03 s (ALLIANCE_TIMING=1 prints the start-up time and which of the two ran).
 * Why esbuild: tsx itself compiles with it (same version, already installed),
 * and it bundles a module graph in well under a second.
 *
 * bin/alliance.js uses the bundle only while it is fresh: every input listed
 * in the manifest still has the size and modification time recorded there
 * (bin/bundle.js). After an edit under lib/ the command falls back to tsx on
 * the sources until the next `npm run build`, so it never runs stale code.
 * `alliance gdelt` is a separate bundle so that `alliance fe` does not parse
 * the GDELT code (arquero and its parser): the loaded bundle is a third of the size.
 *
 * Two packages stay outside the bundle: @duckdb/node-api (native, loaded
 * from node_modules when a Parquet file is read) and tsx (only the unbundled
 * path of lib/ingest/ingestCsvParallel.ts starts its workers through it). Files are written to a temporary
 * folder and renamed into place (scripts/buildInto.ts), so a failed build leaves the old bundle (or
 * none), never half of one.
 */
import { build, type Metafile, type Plugin } from "esbuild";
import { existsSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { buildInto } from "./buildInto";

const ROOT = resolve(__dirname, "..");

/** Entry points: output name (without .cjs) → source. */
export const ENTRIES: Record<string, string> = {
  alliance: "lib/cli/main.ts",
  gdelt: "lib/cli/gdelt.ts",
  ingestCsvWorker: "lib/ingest/ingestCsvWorker.ts",
};

/** Packages loaded from node_modules at run time instead of being bundled. */
export const EXTERNAL = ["@duckdb/node-api", "tsx"];

/** In the main bundle, `require("./gdelt")` (lib/cli/main.ts) loads dist/gdelt.cjs. */
const gdeltApart: Plugin = {
  name: "gdelt-apart",
  setup(b) {
    b.onResolve({ filter: /^\.\/gdelt$/ }, (args) =>
      args.importer.endsWith(join("lib", "cli", "main.ts"))
        ? { path: "./gdelt.cjs", external: true }
        : undefined,
    );
  },
};

export interface ManifestEntry {
  size: number;
  mtimeMs: number;
}

export interface Manifest {
  /** Paths relative to the repository root. */
  inputs: Record<string, ManifestEntry>;
  outputs: string[];
  esbuild: string;
}

/**
 * Build the bundles into `outDir` (default dist/). Returns the manifest written.
 * dist/kernel/ is the notebook kernel's build (scripts/buildKernel.ts): carried over, not rebuilt here.
 */
export function buildCli(outDir = join(ROOT, "dist")): Promise<Manifest> {
  return buildInto(outDir, bundleCli, { carryOver: ["kernel"] });
}

/** Bundle the entry points into `tmp` and write their manifest there. */
async function bundleCli(tmp: string): Promise<Manifest> {
  const entries = Object.entries(ENTRIES).filter(([, src]) => existsSync(join(ROOT, src)));
  const r = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(entries),
    outdir: tmp,
    outExtension: { ".js": ".cjs" },
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: EXTERNAL,
    plugins: [gdeltApart],
    metafile: true,
    legalComments: "eof",
    logLevel: "warning",
  });
  const manifest: Manifest = {
    inputs: manifestInputs(r.metafile),
    outputs: entries.map(([name]) => `${name}.cjs`),
    esbuild: (await import("esbuild")).version,
  };
  writeFileSync(join(tmp, "manifest.json"), `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}

/** Every input of the build (sources and node_modules files) with its size and modification time. */
function manifestInputs(meta: Metafile): Record<string, ManifestEntry> {
  const inputs: Record<string, ManifestEntry> = {};
  for (const p of Object.keys(meta.inputs).sort()) {
    const abs = resolve(ROOT, p);
    const st = statSync(abs);
    inputs[relative(ROOT, abs)] = { size: st.size, mtimeMs: st.mtimeMs };
  }
  // package-lock.json: a changed install of the external packages also makes the bundle stale.
  const lock = join(ROOT, "package-lock.json");
  if (existsSync(lock)) {
    const st = statSync(lock);
    inputs["package-lock.json"] = { size: st.size, mtimeMs: st.mtimeMs };
  }
  return inputs;
}

if (require.main === module) {
  const t0 = Date.now();
  buildCli().then(
    (m) =>
      console.log(
        `dist/: ${m.outputs.join(", ")} from ${Object.keys(m.inputs).length} input files in ${Date.now() - t0} ms`,
      ),
    (e: unknown) => {
      console.error(`build failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
