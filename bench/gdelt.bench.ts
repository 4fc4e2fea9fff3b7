/**
 * Benchmark of the GDELT stream filter (npm run bench:gdelt).
 *
 * Builds >= 1 GiB of GDELT 1.0 daily-format text in a temp folder by
 * repeating the real sample rows (converted to the 58-column layout), zips it
 * (deflate, as GDELT does), and times in one run:
 *   - `grep -F -c "<TAB>CH<TAB>"`: a floor for "read the bytes, find a string";
 *   - parse + filter + aggregate (Eq. 1) on the uncompressed file;
 *   - zlib inflate alone (the same inflateEntry stream the scanner reads, bytes discarded);
 *   - parse + filter + aggregate on the zip (inflate runs on libuv's thread
 *     pool, the scanner on the main thread).
 * Targets (issue 4): >= 250 MB/s per core uncompressed; zipped within 1.3x of
 * inflate-only. Figures are wall-clock on a shared machine; CPU seconds of
 * this process are printed next to them. Everything is deleted at the end.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import yauzl from "yauzl";
import * as yazl from "yazl";
import { scanFile, scanZip, inflateEntry } from "../lib/gdelt/streamFilter";
import { makeEventFilter, PolicyAccumulator } from "../lib/measures/policyScore";
import { GDELT_SAMPLES } from "../lib/sources/gdelt";
import { sampleAsV1Daily } from "../test/helpers/gdeltServer";
import { mustGet } from "../lib/lookup";

const TARGET_BYTES = 1 << 30;

function timed<T>(fn: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  return fn().then((value) => {
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const c = process.cpuUsage(c0);
    return { value, wall, cpu: (c.user + c.system) / 1e6 };
  });
}

function zipFile(src: string, dest: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const z = new yazl.ZipFile();
    z.addFile(src, "20180105.export.CSV", { compress: true });
    z.end();
    z.outputStream.pipe(fs.createWriteStream(dest)).on("finish", resolve).on("error", reject);
  });
}

function inflateOnly(zip: string): Promise<number> {
  return new Promise((resolve, reject) => {
    yauzl.open(zip, { lazyEntries: true }, (err, z) => {
      if (err) return reject(err);
      z.on("entry", (e: yauzl.Entry) =>
        inflateEntry(z, e, (e2, s) => {
          if (e2 || !s) return reject(e2 ?? new Error("no stream"));
          let n = 0;
          s.on("data", (c: Buffer) => (n += c.length));
          s.on("end", () => {
            z.close();
            resolve(n);
          });
          s.on("error", reject);
        }),
      );
      z.readEntry();
    });
  });
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gdelt-bench-"));
  try {
    const block = Buffer.from(GDELT_SAMPLES.flatMap((f) => sampleAsV1Daily(f)).join("\n") + "\n");
    const reps = Math.ceil(TARGET_BYTES / block.length);
    const txt = path.join(dir, "20180105.export.CSV");
    const fd = fs.openSync(txt, "w");
    for (let i = 0; i < reps; i++) fs.writeSync(fd, block);
    fs.closeSync(fd);
    const bytes = fs.statSync(txt).size;
    const mb = bytes / 1e6;
    console.log(
      `input: ${reps} copies of the ${block.toString().split("\n").length - 1} real sample rows (1.0 daily layout) = ${mb.toFixed(0)} MB`,
    );
    const zip = path.join(dir, "20180105.export.CSV.zip");
    const z = await timed(() => zipFile(txt, zip));
    console.log(
      `zipped to ${(fs.statSync(zip).size / 1e6).toFixed(0)} MB in ${z.wall.toFixed(1)} s (setup, not measured)`,
    );

    const filter = makeEventFilter({ rule: "substring" });
    const grep = await timed(() =>
      Promise.resolve(spawnSync("grep", ["-F", "-c", "\tCH\t", txt], { encoding: "utf8" })),
    );
    const scan = async (useZip: boolean) => {
      const acc = new PolicyAccumulator();
      const onEvent = (e: {
        Actor1Geo_CountryCode: string;
        year: number;
        GoldsteinScale: number;
        NumMentions: number;
      }) =>
        acc.add(
          mustGet(filter.fips, e.Actor1Geo_CountryCode, "ally FIPS code"),
          e.year,
          e.GoldsteinScale,
          e.NumMentions,
        );
      const rep = useZip
        ? await scanZip(zip, { file: "bench.zip", filter, onEvent })
        : await scanFile(txt, { file: "bench", filter, onEvent });
      return { rep, rows: acc.rows() };
    };
    const plain = await timed(() => scan(false));
    const inflate = await timed(() => inflateOnly(zip));
    const zipped = await timed(() => scan(true));
    if (inflate.value !== bytes)
      throw new Error(`inflate gave ${inflate.value} bytes, expected ${bytes}`);
    if (zipped.value.rep.rowsKept !== plain.value.rep.rowsKept)
      throw new Error("zip and plain scans disagree");

    const line = (name: string, t: { wall: number; cpu: number }, note = "") =>
      console.log(
        `${name.padEnd(44)} ${t.wall.toFixed(2).padStart(7)} s ${(mb / t.wall).toFixed(0).padStart(6)} MB/s   cpu ${t.cpu.toFixed(2)} s${note}`,
      );
    console.log("");
    line(
      "grep -F -c '\\tCH\\t' (baseline, child process)",
      grep,
      `   (${grep.value.stdout.trim()} lines)`,
    );
    line(
      "parse + filter + aggregate, uncompressed",
      plain,
      `   (${(mb / plain.cpu).toFixed(0)} MB per CPU-second)`,
    );
    line("zlib inflate only (zip)", inflate);
    line("parse + filter + aggregate, zipped", zipped);
    const rows = plain.value.rep.rowsRead,
      kept = plain.value.rep.rowsKept;
    console.log(
      `\nrows ${rows}, kept ${kept} (substring rule), ally-years ${plain.value.rows.length}, dropped ${JSON.stringify(plain.value.rep.dropped)}`,
    );
    const perCore = mb / Math.max(plain.wall, plain.cpu);
    console.log(
      `target uncompressed >= 250 MB/s per core: ${perCore.toFixed(0)} MB/s -> ${perCore >= 250 ? "met" : "NOT met"}`,
    );
    const ratio = zipped.wall / inflate.wall;
    console.log(
      `target zipped <= 1.3x inflate-only: ${ratio.toFixed(2)}x -> ${ratio <= 1.3 ? "met" : "NOT met"}`,
    );
    console.log(
      `load average at the end: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")} on ${os.cpus().length} cores`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
