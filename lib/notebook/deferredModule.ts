/**
 * A CommonJS module loaded on first use instead of when it is required.
 *
 * danfojs-node requires SheetJS (`xlsx`) when it loads, for its Excel reader
 * and writer (`danfojs-base/io/node/io.excel.js`: `var xlsx_1 =
 * require("xlsx")`), and reads `xlsx_1.read`, `xlsx_1.readFile`,
 * `xlsx_1.utils` and `xlsx_1.writeFile` only inside `readExcel` and
 * `toExcel`. Loading SheetJS is about half of loading danfo (its code-page
 * tables, `cpexcel.js`, most of it), and a notebook that never reads or
 * writes a spreadsheet pays it in the cell that makes its first frame.
 *
 * {@link deferModule} puts a stand-in into Node's module cache under the
 * file that such a `require` resolves to (Node documents `require.cache`
 * entries as replaceable, as lib/notebook/mathjsBundle.ts also relies on).
 * The stand-in is a Proxy: the first time any property of it is read,
 * listed, tested or written, it removes itself from the cache, requires the
 * real module (which takes its place in the cache, so later `require`s get
 * the module itself) and from then on forwards every operation to it. So the
 * caller sees the module's own values, only later; what the module does when
 * it loads (its side effects) happens at that first use instead of at
 * `require` time. Use it only for a module, such as SheetJS, whose loading
 * has no effect a caller depends on before its first use.
 */
import { Module, createRequire } from "node:module";

/** What {@link deferModule} did. */
export type Deferred =
  { deferred: true; file: string } | { deferred: false; file: string; why: string };

const standIns = new WeakSet();

/**
 * Defer `request` as required from the file `from`: the next `require` of it
 * (from any file that resolves it to the same path) returns a stand-in that
 * loads the module on first use (see the module doc). Nothing is deferred
 * when the module is loaded already.
 */
export function deferModule(request: string, from: string): Deferred {
  const file = createRequire(from).resolve(request);
  if (require.cache[file])
    return { deferred: false, file, why: `${request} is loaded already (${file})` };
  let real: object | undefined;
  const load = (): object => {
    if (!real) {
      Reflect.deleteProperty(require.cache, file);
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deferred module, at its first use
      real = require(file) as object;
    }
    return real;
  };
  const standIn = new Proxy(
    {},
    {
      get: (_t, key): unknown => Reflect.get(load(), key),
      set: (_t, key, value) => Reflect.set(load(), key, value),
      has: (_t, key) => Reflect.has(load(), key),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_t, key) => {
        const d = Reflect.getOwnPropertyDescriptor(load(), key);
        // A Proxy may not report a property its (empty) target lacks as non-configurable.
        return d && { ...d, configurable: true };
      },
      defineProperty: (_t, key, d) => Reflect.defineProperty(load(), key, d),
      deleteProperty: (_t, key) => Reflect.deleteProperty(load(), key),
      getPrototypeOf: () => Reflect.getPrototypeOf(load()),
    },
  );
  standIns.add(standIn);
  const mod = new Module(file);
  mod.filename = file;
  mod.exports = standIn;
  mod.loaded = true;
  require.cache[file] = mod;
  return { deferred: true, file };
}

/** Is `exports` a stand-in of {@link deferModule} whose module has not loaded yet? */
export function isPending(exports: unknown, file: string): boolean {
  return (
    typeof exports === "object" &&
    exports !== null &&
    standIns.has(exports) &&
    require.cache[file]?.exports === exports
  );
}
