// The benchmark scenario, the same on every page (bench/pages): the tracker's own page view, then
// 500 ms after load 10 events with 5 properties, then one more event and, at once, a navigation.
// Each page defines window.benchTrack(name, properties) with its tracker; the page with none, not.
addEventListener('load', () => {
  // (the visit before a returning one is a page view alone: see scenario.ts)
  if (/-before$/.test(location.hash)) return
  setTimeout(() => {
    const track = window.benchTrack || (() => {})
    for (let i = 0; i < 10; i++) track('benchEvent', { i, plan: 'gold', campaign: 'christmas', price: 9.99, ok: true })
    // The benchmark reads the main-thread metrics once the events are delivered, then calls
    // leave(). (The page does nothing meanwhile: a timer polling for the signal would be script
    // time charged to the tracker for as long as its delivery took.)
    window.leave = () => {
      track('beforeLeaving', { i: 10, plan: 'gold', campaign: 'christmas', price: 9.99, ok: true })
      location.href = '/bench/plain.html'
    }
    window.phase = 1
  }, 500)
})
