/**
 * Former home of the MIME-bundle display primitive, now `lib/display.ts` (a
 * neutral module, so that lib/viz does not depend on lib/notebook). Kept as a
 * re-export because notebooks and solution programs import
 * `./lib/notebook/display`; new code imports `lib/display` directly.
 */
export * from "../display";
