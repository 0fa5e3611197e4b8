import type { PublicLanguage } from '../../../common/contracts/contact-requests.contracts'
import type { PublicSheetView } from '../../../common/contracts/sheets.contracts'
import { renderMarkdown } from '../../../common/markdown'
import { esc, infoPath, layout } from './public-info.page'
import { translator } from './public-info.texts'

/** A public sheet's own page: French at /info/sheets/<code>, the other languages with ?lang=. */
export const sheetPath = (code: string, l: PublicLanguage) => `/info/sheets/${encodeURIComponent(code)}${l === 'fr' ? '' : `?lang=${l}`}`

/**
 * One public sheet, printable, in the page's language. The Markdown goes through the web app's
 * own renderer (raw HTML off, so a `<script>` is text; images off; `javascript:` links refused),
 * so that the public page and the staff screens show a sheet the same way. A sheet without a
 * published text in this language says so and links to the languages it has.
 */
export function renderSheetPage(args: { language: PublicLanguage; nonce: string; sheet: PublicSheetView }): string {
  const { language, sheet } = args
  const t = translator(language)
  const back = `<p><a href="${infoPath(language)}">${esc(t('sheets.back'))}</a></p>`
  const path = (l: PublicLanguage) => sheetPath(sheet.code, l)
  if (!sheet.text) {
    const others = sheet.languages
      .map((l) => `<li><a href="${esc(path(l))}" lang="${l}" hreflang="${l}">${esc(translator(l)('languageName'))}</a></li>`)
      .join('')
    const body = `<h1>${esc(t('sheets.title'))}</h1><p class="note">${esc(t('sheets.missing'))}</p><p>${esc(t('sheets.available'))}</p><ul>${others}</ul>${back}`
    return layout(language, args.nonce, t('sheets.title'), body, path)
  }
  const { title, body: markdown, version, publishedAt } = sheet.text
  const meta = `<p class="hint">${esc(t('sheets.published', { version, date: publishedAt.slice(0, 10) }))}</p>`
  const body = `<article><h1>${esc(title)}</h1>${meta}${renderMarkdown(markdown)}</article>${back}`
  return layout(language, args.nonce, title, body, path)
}

/** The page for a sheet that does not exist, is not public or has nothing published (404). */
export function renderSheetNotFound(args: { language: PublicLanguage; nonce: string }): string {
  const t = translator(args.language)
  const body = `<h1>${esc(t('sheets.notFoundTitle'))}</h1><p>${esc(t('sheets.notFound'))}</p><p><a href="${infoPath(args.language)}">${esc(t('sheets.back'))}</a></p>`
  return layout(args.language, args.nonce, t('sheets.notFoundTitle'), body, infoPath)
}
