/**
 * The replication in one module: what the notebooks reach as
 * `replication.*` through lib/seminar.ts (model specs, fitting them, the
 * verdicts, fidelity to the published tables, alternative inference).
 * prepareSample is also exported at the top level of lib/seminar.ts.
 */
export * from "./verdicts";
export * from "./bootstrapIntervals";
export * from "./prepare";
export * from "./hypotheses";
export * from "./fidelity";
export * from "./inference";
export * from "./published";
