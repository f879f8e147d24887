export interface Store {
  get(key: string): string | null
  set(key: string, value: string | null): void
}

/**
 * First-party key/value storage that never throws: localStorage when it works, else `jar` (the
 * first-party cookie of the `cookie` plugin, when the site allowed cookies), else memory for the
 * life of the page. Values are read once and kept, until another tab writes them (an identify,
 * a reset, a withdrawn consent there): the next read here takes the new value. Every write also
 * lands in memory, so a value just written is read back even when persistence failed (Safari
 * private mode, a full quota, a sandboxed frame, blocked cookies). Setting null removes.
 */
export function createStore(jar?: Store, w: Window = window): Store {
  let mem: Record<string, string | null> = {}
  const ls = localStore(w)
  // (a clear() has no key)
  w.addEventListener('storage', (e) => (e.key ? delete mem[e.key] : (mem = {})))
  return {
    get(k) {
      try {
        return k in mem ? mem[k] : (mem[k] = ls ? ls.getItem(k) : jar ? jar.get(k) : null)
      } catch {
        return null
      }
    },
    set(k, v) {
      mem[k] = v
      try {
        ls ? (v == null ? ls.removeItem(k) : ls.setItem(k, v)) : jar && jar.set(k, v)
      } catch {}
    },
  }
}

/**
 * window.localStorage, or null where reading it throws (sandboxed frames, storage blocked).
 * Writes that fail later (a full quota) are caught where they happen.
 */
export function localStore(w: Window = window): Storage | null {
  try {
    return w.localStorage.length >= 0 ? w.localStorage : null
  } catch {
    return null
  }
}
