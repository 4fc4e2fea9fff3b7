/**
 * Worker entry of the parallel CSV read (lib/ingest/ingestCsvParallel.ts): claims
 * parts in file order from the shared counter, parses each through its own
 * file descriptor with the sequential reader of lib/ingest/ingestCsv.ts, and
 * posts each part's columns (their buffers moved, not copied). A DataError
 * comes back inside the part (message, local line, column); the worker then
 * stops further claims, since parts after an error are not needed. Any other
 * exception ends the worker and reaches the main thread as its 'error' event.
 *
 * Started by startCsvWorker (bundled as dist/ingestCsvWorker.cjs, or through
 * tsx from source).
 */
import { closeSync, fstatSync, openSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { parsePartOf, transferList, type CsvJob, type CsvWorkerMessage } from "./ingestCsvParallel";

function main(job: CsvJob): void {
  const port = parentPort;
  if (!port) throw new Error("ingestCsvWorker.ts runs as a worker thread only");
  const claim = new Int32Array(job.claim);
  const progress = new BigInt64Array(job.progress);
  const n = job.bounds.length - 1;
  const fd = openSync(job.path, "r");
  try {
    if (fstatSync(fd).size !== job.size)
      throw new Error(`${job.name} changed size while being read`);
    let read = 0;
    const onRead = (bytes: number) => {
      read += bytes;
      Atomics.store(progress, job.slot, BigInt(read));
    };
    let buf: Buffer | undefined;
    for (;;) {
      const j = Atomics.add(claim, 0, 1);
      if (j >= n) break;
      const r = parsePartOf(fd, job, j, buf, onRead);
      buf = r.buf;
      if (r.part.error || r.part.straddle) Atomics.store(claim, 0, n);
      const msg: CsvWorkerMessage = { type: "part", index: j, part: r.part };
      port.postMessage(msg, transferList(r.part));
      if (r.part.error || r.part.straddle) break;
    }
  } finally {
    closeSync(fd);
  }
  port.postMessage({ type: "done" } satisfies CsvWorkerMessage);
}

main(workerData as CsvJob);
