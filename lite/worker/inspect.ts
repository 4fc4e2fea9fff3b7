/**
 * Plain-text rendering of a cell's result or a console.log argument, close to
 * Node's util.inspect (which tslab uses) for what the notebooks print:
 * strings quoted, numbers as JavaScript prints them, arrays and plain objects
 * on one line while short, Maps and Sets by content, class instances by name.
 */
export function formatValue(v: unknown, depth = 0, seen: Set<unknown> = new Set()): string {
  if (typeof v === "string") return depth === 0 ? `'${v}'` : `'${v.replace(/'/g, "\\'")}'`;
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "function") return `[Function: ${v.name || "(anonymous)"}]`;
  if (typeof v === "symbol") return v.toString();
  if (v === null || typeof v !== "object") return String(v);
  if (seen.has(v)) return "[Circular]";
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Error) return v.stack ?? `${v.name}: ${v.message}`;
  if (depth > 2) return Array.isArray(v) ? "[Array]" : "[Object]";
  seen.add(v);
  try {
    const inner = (x: unknown): string => formatValue(x, depth + 1, seen);
    let parts: string[];
    let open: string;
    let close: string;
    if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      const arr = Array.from(v as ArrayLike<unknown>);
      parts = arr.slice(0, 100).map(inner);
      if (arr.length > 100) parts.push(`... ${arr.length - 100} more items`);
      const name = Array.isArray(v) ? "" : `${v.constructor.name}(${arr.length}) `;
      open = `${name}[`;
      close = "]";
    } else if (v instanceof Map) {
      parts = [...v.entries()].map(([k, x]) => `${inner(k)} => ${inner(x)}`);
      open = `Map(${v.size}) {`;
      close = "}";
    } else if (v instanceof Set) {
      parts = [...v.values()].map(inner);
      open = `Set(${v.size}) {`;
      close = "}";
    } else {
      const proto = Object.getPrototypeOf(v) as { constructor?: { name: string } } | null;
      const name =
        proto && proto !== Object.prototype && proto.constructor
          ? `${proto.constructor.name} `
          : "";
      parts = Object.entries(v).map(
        ([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`}: ${inner(x)}`,
      );
      open = `${name}{`;
      close = "}";
    }
    if (parts.length === 0) return `${open}${close}`;
    const oneLine = `${open} ${parts.join(", ")} ${close}`;
    if (oneLine.length <= 72) return oneLine;
    const pad = "  ".repeat(depth + 1);
    return `${open}\n${parts.map((p) => pad + p).join(",\n")}\n${"  ".repeat(depth)}${close}`;
  } finally {
    seen.delete(v);
  }
}
