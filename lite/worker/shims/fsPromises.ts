/** `node:fs/promises` in the browser kernel: the promise half of the file-system layer. */
import { promises } from "../fsLayer";
export const { readFile, stat, readdir, writeFile, mkdir, rename } = promises;
export default promises;
