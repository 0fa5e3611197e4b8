/**
 * Debian's Chromium (never a downloaded browser), as the e2e journeys and the web bench drive it.
 * PARCOURS_CHROMIUM names another; Lighthouse's own CHROME_PATH is honoured too.
 */
export const CHROMIUM = process.env.PARCOURS_CHROMIUM ?? process.env.CHROME_PATH ?? '/usr/bin/chromium'

/** Headless, and quiet: no sandbox (CI containers), no GPU, no update or sync traffic. */
export const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
