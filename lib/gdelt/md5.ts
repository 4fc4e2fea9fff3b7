/**
 * GDELT's published MD5 list and MD5 of downloaded files.
 *
 * GDELT 1.0 publishes `md5sums` next to the daily zips
 * (http://data.gdeltproject.org/events/md5sums), one line per file in the
 * md5sum(1) format: 32 hex digits, white space, the file name
 * ("d41d8cd98f00b204e9800998ecf8427e  20160101.export.CSV.zip").
 * A file that is absent from the list, or whose MD5 differs, is refused.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import { DataError } from "../io/dataError";

/** Parse an md5sum-format list into file name -> lowercase MD5. Malformed lines are errors. */
export function parseMd5List(text: string, file = "md5sums"): Map<string, string> {
  const out = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const m = /^([0-9a-fA-F]{32})\s+\*?(\S+)\s*$/.exec(line);
    if (!m)
      throw new DataError(
        file,
        `not an "md5  filename" line: ${JSON.stringify(line.slice(0, 80))}`,
        { row: i + 1 },
      );
    const name = m[2].replace(/^.*\//, "");
    const prev = out.get(name);
    if (prev && prev !== m[1].toLowerCase())
      throw new DataError(file, `two different MD5s for ${name}`, { row: i + 1 });
    out.set(name, m[1].toLowerCase());
  });
  return out;
}

/** MD5 (hex) of a file on disk, streamed. */
export async function md5File(path: string): Promise<string> {
  const h = crypto.createHash("md5");
  for await (const chunk of fs.createReadStream(path)) h.update(chunk as Buffer);
  return h.digest("hex");
}

export function md5(buf: Buffer | string): string {
  return crypto.createHash("md5").update(buf).digest("hex");
}
