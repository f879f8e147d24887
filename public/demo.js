// The demo site's own code: buttons and links that call pixel, and the live inspector.
// Everything shown is set with textContent: event data is never parsed as markup.
// (the gift page: its share link, shown once the gift button is clicked)
const share = document.getElementById('share')
for (const el of document.querySelectorAll('[data-event]'))
  el.addEventListener('click', () => {
    const d = el.dataset
    if (d.identify) pixel.identify(d.identify, { plan: 'trial' })
    const props = {}
    if (d.campaign) props.campaign = d.campaign
    if (d.orderId) props.orderId = d.orderId
    pixel.track(d.event, props)
    if (share && el.id == 'gift') {
      pixel.track('clickGenerateShareLink')
      share.hidden = false
    }
  })
if (share) pixel.track('loadGiftButton')

// the page's write key is the one its inline init() was given
const key = document.documentElement.dataset.key || 'demo'

// The inspector, the same on every demo page: built here once, from fixed text.
const el = (parent, tag, text, cls) => {
  const e = parent.appendChild(document.createElement(tag))
  if (text) e.textContent = text
  if (cls) e.className = cls
  return e
}
// what each destination format is, and the request that brought it to the collector
const FORMATS = {
  native: 'RudderStack/Segment batch, POST /v1/batch',
  'rudderstack-pixel': 'RudderStack Pixel API, GET /pixel/v1/page and /pixel/v1/track',
  envoy: "Envoy's Pixel API, POST /partner/pixel-event",
  conveyour: 'ConveYour, POST /api/analytics/identify and /api/analytics/track',
  eventapi: 'the events API of seed 004, POST /event',
}
const inspector = el(document.querySelector('main'), 'section', '', 'card')
inspector.id = 'inspector'
const title = el(inspector, 'h2', 'Events the collector received ')
const count = el(title, 'span', '', 'muted')
const note = el(inspector, 'p', 'Live from ', 'muted')
el(note, 'code', 'GET /events')
note.append(' of the reference collector, grouped by destination format; newest first.')
const groups = el(inspector, 'div')
let shown = -1
async function refresh() {
  try {
    const list = await (await fetch('/events?meta=1&writeKey=' + encodeURIComponent(key), { cache: 'no-store' })).json()
    if (list.length === shown) return
    shown = list.length
    count.textContent = `(${list.length})`
    // the last 50, by format (in the order of their names, so that a group keeps its place),
    // newest first within each
    const by = {}
    for (const r of list.slice(-50)) (by[r.format] = by[r.format] || []).unshift(r)
    groups.replaceChildren(
      ...Object.keys(by).sort().map((format) => {
        const rows = by[format]
        const group = document.createElement('section')
        group.className = 'group'
        group.dataset.format = format
        const h = el(group, 'h3', format)
        el(h, 'span', ` · ${FORMATS[format] || 'another format'} · ${rows.length} event${rows.length == 1 ? '' : 's'}`, 'muted')
        const table = el(group, 'table')
        const head = el(el(table, 'thead'), 'tr')
        for (const t of ['received', 'event', 'payload']) el(head, 'th', t)
        const body = el(table, 'tbody')
        for (const r of rows) {
          const tr = el(body, 'tr')
          const e = r.event
          el(tr, 'td', new Date(r.receivedAt).toLocaleTimeString())
          el(tr, 'td', `${e.type || ''} ${e.event || e.name || e.eventName || ''}`.trim())
          el(el(tr, 'td'), 'pre', JSON.stringify(e, null, 1))
        }
        return group
      }),
    )
  } catch {}
}
refresh()
setInterval(refresh, 1000)
