/**
 * The lesson helpers of the notebooks in one module: what the notebooks reach
 * as `lessons.*` through lib/seminar.ts (the toy model of 01, the sanction
 * timeline, the Huawei coding of 05, the trade inputs of 04, the fixed-effects
 * lesson of 07, the Monte Carlo of 07/09, the data status of 00, lincom).
 * Each helper documents itself in its own module.
 */
export * from "./toyModel";
export * from "./sanctionTimeline";
export * from "./huaweiCoding";
export * from "./tradeData";
export * from "./fixedEffectsLesson";
export * from "./monteCarlo";
export * from "./predictedSigns";
export * from "./status";
export * from "./lincom";
export * from "./sizeStudy";
export * from "./identification";
export * from "./precomputed";
export * from "./table2Intervals";
export * from "./resampledP";
