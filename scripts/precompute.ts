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
 */
import * as cliProgress from "cli-progress";
import { describePrecomputed, precomputed, type PrecomputeSpec } from "../lib/notebook/precomputed";
import { model7SizeStudySpec, SIZE_STUDY_R } from "../lib/notebook/sizeStudy";
import { table2IntervalsSpec } from "../lib/notebook/table2Intervals";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

type Progress = (label: string, done: number, total: number) => void;
const JOBS: { name: string; spec: (progress: Progress) => PrecomputeSpec<unknown> }[] = [
  {
    name: "size-study",
    spec: (progress) =>
      model7SizeStudySpec({
        R: Number(arg("R") ?? SIZE_STUDY_R),
        onProgress: (s, d, t) => progress(`SYNTHETIC size study, scenario ${s + 1}/4`, d, t),
      }),
  },
  // notebook 08's coefficient plot: wild cluster bootstrap intervals of Table 2 (a few seconds)
  { name: "table2-intervals-huawei_stance", spec: () => table2IntervalsSpec("huawei_stance") },
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
for (const job of JOBS) {
  if (only && !only.includes(job.name)) continue;
  const r = precomputed(
    job.spec(progress),
    process.argv.includes("--recompute") ? { recompute: true } : {},
  );
  bar?.stop();
  last = "";
  console.log(`precompute: ${job.name}: ${describePrecomputed(r)}`);
}
