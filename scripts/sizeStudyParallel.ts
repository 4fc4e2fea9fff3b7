/**
 * The SYNTHETIC size study of notebooks 07 and 09 (lib/notebook/sizeStudy.ts,
 * `model7SizeStudySpec`) computed on several cores. Its four scenarios are
 * independent: scenario h draws from its own stream, seeded by
 * `${seed}-${h}` (`runSizeScenario`), so child processes can run them in any
 * order and the result is the one `runSizeStudy` computes in one process
 * (test/scripts/sizeStudyParallel.test.ts compares them value for value).
 * `scripts/precompute.ts` uses it: on the 2-core machine the first
 * computation takes about half the wall time of one process.
 *
 * Each child (this file, forked with tsx) loads the study's sample once, then
 * runs the scenarios the parent hands it one at a time and sends back their
 * rows and its progress over the IPC channel.
 */
import { fork, type ChildProcess } from "node:child_process";
import * as os from "node:os";
import { REPO_ROOT } from "../lib/io/dataRoot";
import {
  model7SizeStudyOptions,
  runSizeScenario,
  SIZE_STUDY_SCENARIOS,
  sizeStudyLeverage,
  sizeStudyResult,
  type SizeStudyOptions,
  type SizeStudyResult,
} from "../lib/notebook/sizeStudy";

type Scenario = SizeStudyResult["scenarios"][number];
type ToChild = { run: number } | { stop: true };
type FromChild =
  | { progress: number; scenario: number; done: number; total: number }
  | { result: Scenario; scenario: number };

/** What a child is started with: the options of the study that are not its data. */
type ChildOptions = Partial<Omit<SizeStudyOptions, "data" | "x" | "onProgress">>;

/** Progress messages are sent every this many replications (and at the end). */
const PROGRESS_EVERY = 25;

export interface ParallelSizeStudyOptions extends ChildOptions {
  /** Child processes (default: the cores available, at most the number of scenarios). */
  lanes?: number;
  /** Replications done over all scenarios, of `total` (= scenarios × R). */
  onProgress?: (done: number, total: number, lanes: number) => void;
}

/** Start one child that runs the scenarios it is sent. */
function startChild(o: ChildOptions): ChildProcess {
  return fork(__filename, [JSON.stringify(o)], {
    cwd: REPO_ROOT,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
}

/** Model (7)'s size study (the options of `model7SizeStudyOptions`), its scenarios spread over child processes. */
export async function runModel7SizeStudyParallel(
  o: ParallelSizeStudyOptions = {},
): Promise<SizeStudyResult> {
  const { lanes: wanted, onProgress, ...childOptions } = o;
  const study = model7SizeStudyOptions(childOptions);
  const leverage = sizeStudyLeverage(study);
  const lanes = Math.max(1, Math.min(wanted ?? os.availableParallelism(), SIZE_STUDY_SCENARIOS));
  const scenarios = new Array<Scenario>(SIZE_STUDY_SCENARIOS);
  const done = new Array<number>(SIZE_STUDY_SCENARIOS).fill(0);
  let total = 0;
  let next = 0;
  const lane = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = startChild(childOptions);
      const give = (): void => {
        const msg: ToChild = next < SIZE_STUDY_SCENARIOS ? { run: next++ } : { stop: true };
        child.send(msg);
      };
      child.on("message", (m: FromChild) => {
        if ("progress" in m) {
          done[m.scenario] = m.done;
          total = m.total * SIZE_STUDY_SCENARIOS;
          onProgress?.(
            done.reduce((a, b) => a + b, 0),
            total,
            lanes,
          );
          return;
        }
        scenarios[m.scenario] = m.result;
        give();
      });
      child.on("error", reject);
      child.on("exit", (code, signal) => {
        if (code === 0) resolve();
        else
          reject(
            new Error(
              `size study: a child process failed (exit ${code ?? `signal ${String(signal)}`})`,
            ),
          );
      });
      give();
    });
  await Promise.all(Array.from({ length: lanes }, lane));
  return sizeStudyResult(study, leverage, scenarios);
}

/** The child: load the study once, run each scenario it is sent, stop when told. */
function child(o: ChildOptions): void {
  const send = (m: FromChild): void => {
    process.send?.(m);
  };
  const study = model7SizeStudyOptions({
    ...o,
    onProgress: (scenario, done, total) => {
      if (done % PROGRESS_EVERY === 0 || done === total)
        send({ progress: 1, scenario, done, total });
    },
  });
  const leverage = sizeStudyLeverage(study);
  process.on("message", (m: ToChild) => {
    if ("stop" in m) {
      process.disconnect();
      return;
    }
    send({ scenario: m.run, result: runSizeScenario(study, m.run, leverage) });
  });
}

if (require.main === module && process.send) child(JSON.parse(process.argv[2]) as ChildOptions);
