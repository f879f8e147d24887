// The demo site's own code: a button that calls pixel.track, and the live inspector.
// Everything shown is set with textContent: event data is never parsed as markup.
document.getElementById('gift').addEventListener('click', (e) => {
  const b = e.currentTarget
  pixel.track(b.dataset.event, { campaign: b.dataset.campaign })
})

const rows = document.getElementById('rows')
const count = document.getElementById('count')
let shown = -1
async function refresh() {
  try {
    const list = await (await fetch('/events?writeKey=demo&meta=1', { cache: 'no-store' })).json()
    if (list.length === shown) return
    shown = list.length
    count.textContent = `(${list.length})`
    rows.replaceChildren(
      ...list.slice(-50).reverse().map((r) => {
        const tr = document.createElement('tr')
        const e = r.event
        const cells = [new Date(r.receivedAt).toLocaleTimeString(), r.format, `${e.type} ${e.event || e.name || ''}`]
        for (const text of cells) tr.appendChild(document.createElement('td')).textContent = text
        tr.appendChild(document.createElement('td')).appendChild(document.createElement('pre')).textContent = JSON.stringify(e, null, 1)
        return tr
      }),
    )
  } catch {}
}
refresh()
setInterval(refresh, 1000)
