// The benchmark scenario, the same on every page (bench/pages): the tracker's own page view, then
// 500 ms after load 10 events with 5 properties, then one more event and, at once, a navigation.
// Each page defines window.benchTrack(name, properties) with its tracker; the page with none, not.
addEventListener('load', () => {
  setTimeout(() => {
    const track = window.benchTrack || (() => {})
    for (let i = 0; i < 10; i++) track('benchEvent', { i, plan: 'gold', campaign: 'christmas', price: 9.99, ok: true })
    // the benchmark reads the main-thread metrics now, then sets window.go
    window.phase = 1
    const last = () => {
      if (!window.go) return setTimeout(last, 10)
      track('beforeLeaving', { i: 10, plan: 'gold', campaign: 'christmas', price: 9.99, ok: true })
      location.href = '/bench/plain.html'
    }
    last()
  }, 500)
})
