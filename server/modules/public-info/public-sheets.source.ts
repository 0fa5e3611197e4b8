import { PUBLIC_LANGUAGES } from '../../../common/contracts/contact-requests.contracts'
import { publicSheet, publicSheets } from '../sheets/sheets.queries'
import type { PublicSheetLink } from './public-info.page'
import type { PublicSheet, PublicSheets } from './public-info.routes'
import { sheetPath } from './public-sheet.page'

/**
 * The sheets module's public sheets for the /info page (server/app.ts passes these to
 * publicInfoRoutes). Sheets are staff tables holding no personal data, read without an audit entry
 * like the sheets module's own public routes. A public sheet published in other languages only is
 * listed too, under its title there, marked unavailable and linked to the page that says so.
 */
export const sheetsForInfoPage: PublicSheets = (ctx, language) =>
  ctx.unaudited(async (db) => {
    const here = await publicSheets(db, language)
    const links: PublicSheetLink[] = here.items.map((s) => ({
      title: s.title,
      href: sheetPath(s.code, language),
      language,
      available: true,
    }))
    const listed = new Set(here.items.map((s) => s.code))
    for (const other of PUBLIC_LANGUAGES.filter((l) => l !== language)) {
      for (const s of (await publicSheets(db, other)).items) {
        if (listed.has(s.code)) continue
        listed.add(s.code)
        links.push({ title: s.title, href: sheetPath(s.code, language), language: other, available: false })
      }
    }
    return links
  })

export const sheetForInfoPage: PublicSheet = (ctx, code, language) => ctx.unaudited((db) => publicSheet(db, code, language))
