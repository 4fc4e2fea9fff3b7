/**
 * Computes the slow results the notebooks read back (lib/notebook/precomputed.ts)
 * into build/precomputed/, with a progress bar on stderr and the wall time of
 * each. Run by `npm run replicate` before the notebooks; alone:
 *
 *   npx tsx scripts/precompute.ts [--recompute] [--only size-study] [--R 1000]
 *
 * A result whose stored inputs hash matches is not recomputed (say
 * --recompute, or set ALLIANCE_RECOMPUTE). `--R` lowers the replications for
 * a quick look; the notebooks then recompute with their own R, so use it only
 * for trying things out. Add a slow cell's spec to JOBS to precompute it.
 * The size study's four scenarios run in parallel processes, one per core
 * (scripts/sizeStudyParallel.ts); the stored result is the one-process result.
 */
import * as cliProgress from "cli-progress";
import {
  describePrecomputed,
  precomputed,
  precomputedAsync,
  type Precomputed,
  type PrecomputeOptions,
} from "../lib/notebook/precomputed";
import { model7SizeStudySpec, SIZE_STUDY_R } from "../lib/notebook/sizeStudy";
import { table2IntervalsSpec } from "../lib/notebook/table2Intervals";
import { runModel7SizeStudyParallel } from "./sizeStudyParallel";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

type Progress = (label: string, done: number, total: number) => void;
const JOBS: {
  name: string;
  run: (progress: Progress, opts: PrecomputeOptions) => Promise<Precomputed<unknown>>;
}[] = [
  {
    // the four scenarios in parallel processes (scripts/sizeStudyParallel.ts); the same result
    name: "size-study",
    run: (progress, opts) => {
      const R = Number(arg("R") ?? SIZE_STUDY_R);
      return precomputedAsync(
        model7SizeStudySpec({ R }),
        () =>
          runModel7SizeStudyParallel({
            R,
            onProgress: (d, t, lanes) =>
              progress(`SYNTHETIC size study, 4 scenarios in ${lanes} processes`, d, t),
          }),
        opts,
      );
    },
  },
  // notebook 08's coefficient plot: wild cluster bootstrap intervals of Table 2 (a few seconds)
  {
    name: "table2-intervals-huawei_stance",
    run: (_progress, opts) =>
      Promise.resolve(precomputed(table2IntervalsSpec("huawei_stance"), opts)),
  },
];

const only = arg("only")?.split(",");
const bar = process.stderr.isTTY
  ? new cliProgress.SingleBar(
      { format: "{label} [{bar}] {value}/{total} | ETA {eta}s", stream: process.stderr },
      cliProgress.Presets.shades_classic,
    )
  : undefined;
let last = "";
const progress: Progress = (label, done, total) => {
  if (bar) {
    if (label !== last) {
      bar.stop();
      bar.start(total, done, { label });
      last = label;
    } else bar.update(done);
  } else if (done % 100 === 0 || done === total)
    process.stderr.write(`${label}: ${done}/${total}\n`);
};
async function main(): Promise<void> {
  for (const job of JOBS) {
    if (only && !only.includes(job.name)) continue;
    const r = await job.run(
      progress,
      process.argv.includes("--recompute") ? { recompute: true } : {},
    );
    bar?.stop();
    last = "";
    console.log(`precompute: ${job.name}: ${describePrecomputed(r)}`);
  }
}

main().catch((e: unknown) => {
  bar?.stop();
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
