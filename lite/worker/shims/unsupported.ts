/**
 * Node facilities the browser kernel cannot offer (child processes, network
 * downloads of GDELT, zlib streams, worker threads, DuckDB, ...). The bundler
 * replaces each such module with `unsupportedModule(name)`: importing it is
 * harmless, and using any member throws an error that names it and says to
 * run the cell in the tslab kernel, in the cell that uses it.
 */
import { notAvailable } from "../fsLayer";

function trap(what: string): unknown {
  // a plain function (not an arrow) so that `new` reaches the construct trap
  const f = function unsupported(): never {
    throw notAvailable(what);
  };
  return new Proxy(f, {
    get: (_t, key) => (key === "then" || typeof key === "symbol" ? undefined : trap(`${what}.${key}`)),
    construct: () => f(),
    apply: () => f(),
  });
}

export function unsupportedModule(name: string): unknown {
  return new Proxy(
    {},
    {
      get: (_t, key) =>
        key === "__esModule" || key === "then" || typeof key === "symbol" ? undefined : trap(`${name} (${key})`),
    },
  );
}
