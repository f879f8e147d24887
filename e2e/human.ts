// How the tests and the benchmark browse: as a person would. pixel filters bots, so Chromium
// runs with a desktop Chrome user agent (not HeadlessChrome) and without navigator.webdriver
// (Playwright's --enable-automation sets it). e2e/bots.spec.ts turns each back on.

/** A desktop Chrome's user agent. */
export const HUMAN = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36'

/** Launch options that leave navigator.webdriver false. */
export const unautomated = (executablePath: string | undefined) => ({
  executablePath,
  ignoreDefaultArgs: ['--enable-automation'],
  // no background traffic to Google's hosts: this network is closed, and tests stay local
  args: [...(executablePath ? ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] : []), '--disable-blink-features=AutomationControlled'],
})
