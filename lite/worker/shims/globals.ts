/** Globals injected into every module of the browser bundle (esbuild `inject`). */
export { process } from "./process";
export { Buffer } from "buffer";
