/**
 * Lookups that must succeed: a Map entry or a record field that the caller has
 * established exists (it was inserted a few lines above, or the keys were
 * validated on input). Instead of a `!` non-null assertion, which turns a
 * broken invariant into a silent `undefined` and a NaN far downstream, these
 * throw at once, naming what was looked up and the key.
 */

/**
 * `map.get(key)`, or an error naming `what` and the key when the key is absent
 * (or maps to undefined, which a Map used as an index never stores).
 */
export function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const v = map.get(key);
  if (v === undefined) throw new Error(`${what}: no entry for ${String(key)}`);
  return v;
}

/** The value, or an error saying `what` is missing when it is null or undefined. */
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`${what} is missing`);
  return value;
}

/**
 * `record[key]` when `key` is the record's own property, else undefined: an
 * honest lookup in a record used as a table whose keys come from input (the
 * type `Record<string, V>` claims every key is present; a missing key, or one
 * such as "constructor" that only the prototype has, gives undefined here).
 */
export function entry<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
