/**
 * One scenario of the size study (equal error variances) from the command
 * line, with a progress bar (cli-progress, on stderr) and the wall time, for
 * trying other R, B or ρ. The four-scenario study that notebooks 07 and 09
 * read back is computed by scripts/precompute.ts (lib/notebook/sizeStudy.ts):
 *
 *   npx tsx scripts/sizeStudy.ts [--R 300] [--B 99] [--term ICTtrade] [--rho 0.5]
 *
 * The outcome is SYNTHETIC (lib/notebook/monteCarlo.ts nullSize): it prints
 * the rejection rate at 5% of each method under a true null, with the Monte
 * Carlo standard error. Seeded: the same arguments give the same table.
 */
import * as cliProgress from "cli-progress";
import { nullSize } from "../lib/notebook/monteCarlo";
import { lessonSample } from "../lib/notebook/fixedEffectsLesson";
import { regressors, TABLE2_SPECS } from "../lib/study";
import { textTable } from "../lib/notebook/table";

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

const R = Number(arg("R", "300"));
const sample = lessonSample("huawei_stance");
const bar = process.stderr.isTTY
  ? new cliProgress.SingleBar(
      {
        format: "size study [{bar}] {value}/{total} replications | ETA {eta}s",
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    )
  : undefined;
bar?.start(R, 0);
const t0 = Date.now();
const rows = nullSize({
  data: sample.data,
  x: regressors(TABLE2_SPECS[6]),
  term: arg("term", "ICTtrade"),
  R,
  B: Number(arg("B", "99")),
  bootB: 199,
  rho: Number(arg("rho", "0.5")),
  seed: "nb07-size",
  onProgress: (done, total) =>
    bar
      ? bar.update(done)
      : done % 50 === 0 || done === total
        ? process.stderr.write(`${done}/${total}\n`)
        : undefined,
});
bar?.stop();
console.log(
  textTable(rows, {
    caption: `SYNTHETIC null outcome, model (7) regressors, term ${arg("term", "ICTtrade")}: rejection rate at 5%`,
  }),
);
console.log(`wall time ${((Date.now() - t0) / 1000).toFixed(1)} s for R = ${R}`);
