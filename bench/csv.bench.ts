/**
 * Benchmark (not a test) of the validated CSV reader (lib/io/csv.ts on the
 * project's tokenizer lib/io/csvTokenizer.ts) on the deposit's largest CSV
 * files, next to csv-parse 5 (`csv-parse/sync`, the parser it replaced; still
 * a dependency for the GDELT sample reader) over the same bytes.
 *
 *   npm run bench:csv               (best of 5 runs per file)
 *   npm run bench:csv -- --runs 9
 *
 * Both sides start from bytes in memory, so file reading is left out; the
 * reader's figure includes what csv-parse does not do (UTF-8 validation, the
 * SHA-256 of the bytes is not included). Printed per file: bytes, records,
 * best milliseconds of each and their ratio.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadavg } from "node:os";
import { parse } from "csv-parse/sync";
import { parseCsvBytes, type CsvOptions } from "../lib/io/csv";
import { resolveDataRoot } from "../lib/io/dataRoot";
import { numArg } from "./external";

/** The largest CSV files the loaders read, with the options they read them with. */
const FILES: readonly { path: string; opts: CsvOptions }[] = [
  {
    path: "unvotes/voeten2024_via_svmiller_fpsim/unvotes_voeten2024_y2015_2020.derived.csv",
    opts: {},
  },
  { path: "unvotes/unvotes_r_pkg_0.3.0/un_votes_sessions70_74.derived.csv", opts: {} },
  { path: "geodist/dist_cepii.csv", opts: { delimiter: ";" } },
  { path: "wdi/gdp.csv", opts: {} },
  { path: "ideal_points/IdealpointsJuly2025.derived.csv", opts: {} },
  { path: "wgi/WGIData.csv", opts: { trailingComma: true } },
];

function best(runs: number, f: () => number): { ms: number; n: number } {
  let ms = Infinity,
    n = 0;
  for (let k = 0; k < runs; k++) {
    const a = performance.now();
    n = f();
    ms = Math.min(ms, performance.now() - a);
  }
  return { ms, n };
}

function main(): void {
  const runs = numArg("runs", 5);
  const root = resolveDataRoot().dir;
  console.log(`bench:csv: best of ${runs}; load average ${loadavg()[0].toFixed(2)} (1 min)`);
  console.log(
    "file                                         MB    records  reader ms  csv-parse ms  ratio",
  );
  for (const { path, opts } of FILES) {
    const bytes = readFileSync(join(root, path));
    const ours = best(runs, () => parseCsvBytes(bytes, path, opts).rows.length + 1);
    const theirs = best(runs, () => {
      const recs: unknown = parse(bytes, {
        delimiter: opts.delimiter ?? ",",
        relax_column_count: true,
        skip_empty_lines: true,
        bom: true,
      });
      return Array.isArray(recs) ? recs.length : -1;
    });
    const name = path.split("/").pop() ?? path;
    console.log(
      `${name.slice(0, 42).padEnd(42)} ${(bytes.length / 1e6).toFixed(1).padStart(5)} ${String(ours.n).padStart(10)}` +
        ` ${ours.ms.toFixed(1).padStart(10)} ${theirs.ms.toFixed(1).padStart(13)} ${(theirs.ms / ours.ms).toFixed(1).padStart(6)}x` +
        (theirs.n === ours.n ? "" : `  (csv-parse: ${theirs.n} records)`),
    );
  }
}

main();
