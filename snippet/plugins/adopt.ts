// Plugin `adopt` (dist/pixel.adopt.js): takes over the events that closed or crashed tabs left
// in their outbox segments. pixel.js loads it only when another tab's segment exists.
import { adoptSegments } from '../core/adoptSegments'
import type { Outbox } from '../core/createOutbox'
import { withLock } from '../lib/withLock'

export default (r: { adopt?: unknown }) => {
  r.adopt = (outbox: Outbox, id: string, done: (n: number) => void) =>
    withLock('pixel.lock', id, () => {
      try {
        done(adoptSegments(outbox, localStorage, id, Date.now()))
      } catch {}
    })
}
