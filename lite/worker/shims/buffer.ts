/** `node:buffer` in the browser kernel: the `buffer` package plus `isUtf8`. */
import { Buffer } from "buffer";
export { Buffer };

/** Whether the bytes are valid UTF-8 (what node:buffer's isUtf8 answers). */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
export default { Buffer, isUtf8 };
