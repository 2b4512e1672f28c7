/**
 * Table lookups by user-given keys that only ever see the table's own entries: `'toString'`,
 * `'constructor'` or `'__proto__'` as a SKU, generation or id is an unknown key, never a property
 * inherited from `Object.prototype` (which `table[key]` and `key in table` both return).
 */

/** Whether `key` is one of `table`'s own keys. */
export function hasOwnKey(table: object, key: unknown): boolean {
  return (typeof key === 'string' || typeof key === 'number') && Object.prototype.hasOwnProperty.call(table, key);
}

/** `table[key]` when `key` is an own key of `table`, else `undefined`. */
export function ownValue<V>(table: Readonly<Partial<Record<string, V>>>, key: unknown): V | undefined {
  return hasOwnKey(table, key) ? table[key as string] : undefined;
}
