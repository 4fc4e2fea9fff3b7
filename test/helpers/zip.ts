/** Build zip archives in memory at test time (yazl), including deliberately bad ones. */
import * as yazl from "yazl";

export function makeZip(entries: { name: string; data: Buffer }[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const z = new yazl.ZipFile();
    for (const e of entries) z.addBuffer(e.data, e.name, { mtime: new Date(Date.UTC(2020, 0, 1)) });
    z.end();
    const parts: Buffer[] = [];
    z.outputStream.on("data", (c: Buffer) => parts.push(c));
    z.outputStream.on("end", () => resolve(Buffer.concat(parts)));
    z.outputStream.on("error", reject);
  });
}

/**
 * A zip whose single entry is named `../<name>` (path traversal). yazl refuses
 * to write such a name, so the entry is written as `xx/<name>` and the three
 * name bytes are patched in the local and central headers (the CRC covers only
 * the data, so the archive stays otherwise valid).
 */
export async function makeTraversalZip(name: string, data: Buffer): Promise<Buffer> {
  const buf = await makeZip([{ name: `xx/${name}`, data }]);
  const from = Buffer.from(`xx/${name}`),
    to = Buffer.from(`../${name}`);
  let i = buf.indexOf(from),
    n = 0;
  while (i >= 0) {
    to.copy(buf, i);
    n++;
    i = buf.indexOf(from, i + 1);
  }
  if (n !== 2) throw new Error(`expected the name twice in the zip, found ${n}`);
  return buf;
}
