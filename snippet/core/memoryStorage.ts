import type { KeyValue } from './createOutbox'

/** For tests: localStorage's interface over a Map, shared by the "tabs" of a test. */
export function memoryStorage(map = new Map<string, string>()): KeyValue & { map: Map<string, string> } {
  return {
    map,
    getItem: (k) => (map.has(k) ? map.get(k)! : null),
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
    key: (i) => [...map.keys()][i] ?? null,
    get length() {
      return map.size
    },
  }
}
