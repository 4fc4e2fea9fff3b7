/**
 * The study's measures in one module: what the notebooks reach as
 * `measures.*` through lib/seminar.ts (`measures.sScore(a, b)`). Each measure
 * documents its formula and citation in its own module (lib/README.md maps
 * them to the paper's variables).
 */
export * from "./power";
export * from "./sScore";
export * from "./agreement";
export * from "./voteDyads";
export * from "./idealDistance";
export * from "./trade";
export * from "./exchange";
export * from "./institutionDistance";
export * from "./economicDistance";
export * from "./geoDistance";
export * from "./policyScore";
