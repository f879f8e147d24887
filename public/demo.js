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
const inspector = el(document.querySelector('main'), 'section', '', 'card')
inspector.id = 'inspector'
const title = el(inspector, 'h2', 'Events the collector received ')
const count = el(title, 'span', '', 'muted')
const note = el(inspector, 'p', 'Live from ', 'muted')
el(note, 'code', 'GET /events')
note.append(' of the reference collector, grouped by destination format; newest first.')
const table = el(inspector, 'table')
const head = el(el(table, 'thead'), 'tr')
for (const h of ['received', 'format', 'event', 'payload']) el(head, 'th', h)
const rows = el(table, 'tbody')
let shown = -1
async function refresh() {
  try {
    const list = await (await fetch('/events?meta=1&writeKey=' + encodeURIComponent(key), { cache: 'no-store' })).json()
    if (list.length === shown) return
    shown = list.length
    count.textContent = `(${list.length})`
    rows.replaceChildren(
      ...list
        .slice(-50)
        .reverse()
        .sort((a, b) => a.format.localeCompare(b.format))
        .map((r) => {
          const tr = document.createElement('tr')
          const e = r.event
          const cells = [new Date(r.receivedAt).toLocaleTimeString(), r.format, `${e.type || ''} ${e.event || e.name || e.eventName || ''}`]
          for (const text of cells) tr.appendChild(document.createElement('td')).textContent = text
          tr.appendChild(document.createElement('td')).appendChild(document.createElement('pre')).textContent = JSON.stringify(e, null, 1)
          return tr
        }),
    )
  } catch {}
}
refresh()
setInterval(refresh, 1000)
