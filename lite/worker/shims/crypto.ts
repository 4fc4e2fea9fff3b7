/** `node:crypto` in the browser kernel: SHA-256 (@noble/hashes) and random bytes; nothing else. */
import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex } from "@noble/hashes/utils";
import { Buffer } from "buffer";
import { notAvailable } from "../fsLayer";

class Hash {
  private readonly h = sha256.create();
  update(data: string | Uint8Array): this {
    this.h.update(typeof data === "string" ? new TextEncoder().encode(data) : data);
    return this;
  }
  digest(enc?: string): string | Buffer {
    const out = this.h.digest();
    if (enc === "hex") return bytesToHex(out);
    const buf = Buffer.from(out);
    return enc ? buf.toString(enc) : buf;
  }
}

export function createHash(alg: string): Hash {
  if (alg.toLowerCase() !== "sha256") throw notAvailable(`crypto.createHash("${alg}")`);
  return new Hash();
}

export function randomBytes(n: number): Buffer {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(n)));
}

export function randomUUID(): string {
  return crypto.randomUUID();
}

export default { createHash, randomBytes, randomUUID };
