/** The deepest nesting a body may have: the snippet's events are about 12 levels deep. */
export const MAX_NESTING = 64

/**
 * Is `v` nested more than `max` levels deep? Iterative: a body of a million brackets is read
 * without recursion (JSON.parse takes it, but JSON.stringify would overflow the stack on it).
 */
export function nestedDeeper(v: unknown, max = MAX_NESTING): boolean {
  const stack: [unknown, number][] = [[v, 0]]
  while (stack.length) {
    const [x, depth] = stack.pop()!
    if (x && typeof x == 'object') {
      if (depth >= max) return true
      for (const k in x) stack.push([(x as Record<string, unknown>)[k], depth + 1])
    }
  }
  return false
}
