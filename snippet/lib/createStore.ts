export interface Store {
  get(key: string): string | null
  set(key: string, value: string): void
  remove(key: string): void
}

/**
 * First-party key/value storage that never throws: localStorage when it works, else a
 * first-party cookie when the site allowed cookies, else memory for the life of the page.
 * Every write also lands in memory, so a value just written is read back even when
 * persistence failed (Safari private mode, a full quota, a sandboxed frame, blocked cookies).
 */
export function createStore(cookies: boolean, w: Window = window): Store {
  const mem: Record<string, string | null> = {}
  const ls = localStore(w)
  const d = w.document
  const write = (k: string, v: string | null) => {
    mem[k] = v
    try {
      if (ls) v == null ? ls.removeItem(k) : ls.setItem(k, v)
      // about a year (browsers cap cookies at 400 days); max-age 0 deletes
      else if (cookies)
        d.cookie = k + '=' + encodeURIComponent(v || '') + ';path=/;SameSite=Lax;max-age=' + (v == null ? 0 : 3e7) + (w.location.protocol == 'https:' ? ';Secure' : '')
    } catch {}
  }
  return {
    get(k) {
      if (k in mem) return mem[k]
      try {
        const m = ls ? 0 : cookies && d.cookie.match('(^|; )' + k + '=([^;]*)')
        return ls ? ls.getItem(k) : m ? decodeURIComponent(m[2]) : null
      } catch {
        return null
      }
    },
    set: write,
    remove: (k) => write(k, null),
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
