/**
 * A loopback (127.0.0.1) HTTP server that plays data.gdeltproject.org/events
 * for the fetch tests: it serves `md5sums` and daily zips built at test time
 * from the real sample rows, and can misbehave on request (per file, one
 * behaviour per request in order, then "ok"). Every fault ends by itself:
 * trickles stop when the client goes away and have a bounded length.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "csv-parse/sync";
import { readRaw } from "../../lib/io/manifest";
import { md5 } from "../../lib/gdelt/md5";
import { V2_COLUMNS } from "../../lib/sources/gdelt";
import { makeZip } from "./zip";

export type Fault =
  | "ok"
  | "500"
  | "404"
  | "reset" // Content-Length sent, half the body, then the socket is destroyed
  | "truncate" // no Content-Length, half the body, clean close: only the MD5 can tell
  | "corrupt" // full length, one byte flipped
  | "trickle"; // 64-byte pieces every 20 ms (bounded)

export interface GdeltServer {
  url: string;
  /** Requests seen, by path. */
  hits: Map<string, number>;
  /** Queue of faults per file name. */
  faults: Map<string, Fault[]>;
  /** Called when a request arrives (before it is answered). */
  onRequest?: (name: string) => void;
  close(): Promise<void>;
}

export async function startServer(
  files: Map<string, Buffer>,
  md5Override: Map<string, string> = new Map(),
  omitFromList: string[] = [],
): Promise<GdeltServer> {
  const list =
    [...files]
      .filter(([n]) => !omitFromList.includes(n))
      .map(([n, b]) => `${md5Override.get(n) ?? md5(b)}  ${n}`)
      .join("\n") + "\n";
  const state: GdeltServer = { url: "", hits: new Map(), faults: new Map(), close: async () => {} };
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? "/").slice(1));
    state.hits.set(name, (state.hits.get(name) ?? 0) + 1);
    state.onRequest?.(name);
    const body = name === "md5sums" ? Buffer.from(list) : files.get(name);
    if (!body) {
      res.writeHead(404).end("not found");
      return;
    }
    const fault = state.faults.get(name)?.shift() ?? "ok";
    switch (fault) {
      case "500":
        res.writeHead(500).end("server error");
        return;
      case "404":
        res.writeHead(404).end("not found");
        return;
      case "reset":
        res.writeHead(200, { "content-length": body.length });
        res.write(body.subarray(0, body.length >> 1), () => res.socket?.destroy());
        return;
      case "truncate":
        res.writeHead(200, { connection: "close" });
        res.end(body.subarray(0, body.length >> 1));
        return;
      case "corrupt": {
        const bad = Buffer.from(body);
        bad[bad.length >> 1] ^= 0xff;
        res.writeHead(200, { "content-length": bad.length }).end(bad);
        return;
      }
      case "trickle": {
        res.writeHead(200, { "content-length": body.length });
        let off = 0;
        const step = () => {
          if (res.destroyed || off >= body.length) return void res.end();
          res.write(body.subarray(off, off + 64));
          off += 64;
          const t = setTimeout(() => {
            timers.delete(t);
            step();
          }, 20);
          timers.add(t);
        };
        step();
        return;
      }
      default:
        res.writeHead(200, { "content-length": body.length }).end(body);
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((r) => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}

/** Real sample rows as GDELT 1.0 daily lines (58 fields): drop the ADM2 codes (and CAMEOCodeDescription). */
export function sampleAsV1Daily(rel: string): string[] {
  const bytes = readRaw(rel).bytes;
  let rows: string[][];
  if (rel.endsWith(".export.CSV"))
    rows = bytes
      .toString("utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => l.split("\t"));
  else {
    const recs = parse(bytes, {
      relax_column_count: true,
      skip_records_with_error: true,
    }) as string[][];
    const header = recs[0];
    rows = recs.slice(1).filter((r) => r.length === header.length && r[0] !== "NA");
    const skip = new Set(["CAMEOCodeDescription"]);
    rows = rows.map((r) => r.filter((_, j) => !skip.has(header[j])));
  }
  // now 61 fields in 2.0 order: remove the three ADM2 codes
  const adm2 = new Set(
    V2_COLUMNS.map((c, j) => (c.endsWith("_ADM2Code") ? j : -1)).filter((j) => j >= 0),
  );
  return rows.map((r) => {
    if (r.length !== 61)
      throw new Error(`${rel}: expected 61 fields after dropping the description, got ${r.length}`);
    return r.filter((_, j) => !adm2.has(j)).join("\t");
  });
}

/** A daily zip holding `lines` as `<day>.export.CSV`. */
export async function dailyZip(day: string, lines: string[]): Promise<Buffer> {
  return makeZip([{ name: `${day}.export.CSV`, data: Buffer.from(lines.join("\n") + "\n") }]);
}
