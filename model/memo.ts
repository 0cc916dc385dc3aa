/**
 * A pure function's recent results, kept by argument: the model reads the same policy texts and times again on
 * every request they govern, so each is worked out once while it is in use. Bounded: past `kept` arguments the
 * oldest is forgotten. The results are shared, so callers must not change them.
 */
export function recent<K, V>(kept: number, compute: (key: K) => V): (key: K) => V {
  const results = new Map<K, V>();
  return (key) => {
    if (results.has(key)) return results.get(key)!;
    const value = compute(key);
    if (results.size >= kept) results.delete(results.keys().next().value!);
    results.set(key, value);
    return value;
  };
}
