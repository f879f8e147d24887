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
  const mem: Record<string, string> = {}
  const ls = localStore(w)
  const secure = w.location.protocol == 'https:' ? ';Secure' : ''
  const cookie = (key: string, value: string, days: number) => {
    w.document.cookie = key + '=' + encodeURIComponent(value) + ';path=/;max-age=' + days * 86400 + ';SameSite=Lax' + secure
  }
  return {
    get(key) {
      if (key in mem) return mem[key]
      try {
        if (ls) return ls.getItem(key)
        if (cookies) {
          const m = w.document.cookie.match('(?:^|; )' + key.replace(/\./g, '\\.') + '=([^;]*)')
          return m ? decodeURIComponent(m[1]) : null
        }
      } catch {}
      return null
    },
    set(key, value) {
      mem[key] = value
      try {
        if (ls) ls.setItem(key, value)
        else if (cookies) cookie(key, value, 400)
      } catch {}
    },
    remove(key) {
      delete mem[key]
      try {
        if (ls) ls.removeItem(key)
        else if (cookies) cookie(key, '', 0)
      } catch {}
    },
  }
}

/** window.localStorage if it can be written, else null. Reading the property itself throws in sandboxed frames and where storage is blocked. */
export function localStore(w: Window = window): Storage | null {
  try {
    const ls = w.localStorage
    ls.setItem('pixel.t', '1')
    ls.removeItem('pixel.t')
    return ls
  } catch {
    return null
  }
}
