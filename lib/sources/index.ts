/**
 * The source loaders in one module: what the notebooks reach as `sources.*`
 * through lib/seminar.ts (`sources.loadWdi({ indicator: "gdp" })`). Each
 * loader reads its files from the data root, SHA-256 checked, and documents
 * its source in its own module.
 */
export * from "./wdi";
export * from "./wgi";
export * from "./efi";
export * from "./dots";
export * from "./geodist";
export * from "./oil";
export * from "./unvotes";
export * from "./idealPoints";
export * from "./voteCoincidence";
export * from "./huawei5g";
export * from "./gdelt";
export * from "./cameo";
// Two loaders call their parser options ParseOptions: named apart here.
export type { ParseOptions as WdiParseOptions, ParseOptions } from "./wdi";
export type { ParseOptions as GdeltParseOptions } from "./gdelt";
