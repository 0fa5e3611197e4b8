import { PUBLIC_LANGUAGES, type PublicLanguage } from '../../../common/contracts/contact-requests.contracts'
import type { Config } from '../../config'
import { type FormState, renderForm } from './public-info.form-html'
import { PUBLIC_CSS } from './public-info.style'
import { type Translate, translator } from './public-info.texts'

/** Escapes text for HTML content and attribute values. */
export const esc = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/**
 * A public information sheet as the page lists it. Built by the sheets module (`publicSheets`,
 * passed to publicInfoRoutes); `available: false` says the sheet exists but not in this language.
 */
export type PublicSheetLink = { title: string; href: string; language: PublicLanguage; available: boolean }

type Line = Config['line']

const telHref = (phone: string) => `tel:${phone.replace(/[^+0-9]/g, '')}`

export function hoursText(t: Translate, line: Line): string {
  return t('line.hours', { ranges: line.hours.map(([from, to]) => t('line.range', { from, to })).join(t('line.and')) })
}

/** The whole document around `body`: language, alternates in the other languages, the stylesheet. */
export function layout(language: PublicLanguage, nonce: string, title: string, body: string, path: (l: PublicLanguage) => string): string {
  const t = translator(language)
  const alternates = PUBLIC_LANGUAGES.map((l) => `<link rel="alternate" hreflang="${l}" href="${path(l)}">`).join('')
  const switcher = PUBLIC_LANGUAGES.map((l) => {
    const name = esc(translator(l)('languageName'))
    return l === language
      ? `<li><a href="${path(l)}" lang="${l}" hreflang="${l}" aria-current="true">${name}</a></li>`
      : `<li><a href="${path(l)}" lang="${l}" hreflang="${l}">${name}</a></li>`
  }).join('')
  return [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `${alternates}<link rel="alternate" hreflang="x-default" href="/info">`,
    `<style nonce="${esc(nonce)}">${PUBLIC_CSS}</style></head><body>`,
    `<a class="skip" href="#main">${esc(t('skip'))}</a>`,
    `<header><div class="wrap"><nav aria-label="${esc(t('languages'))}"><ul>${switcher}</ul></nav></div></header>`,
    `<main id="main" class="wrap">${body}</main>`,
    `<footer><div class="wrap"><p>${esc(t('line.emergency'))}</p><p>${esc(t('footer.print'))}</p>`,
    `<p class="staff"><a href="/login">${esc(t('footer.staff'))}</a></p></div></footer>`,
    '</body></html>',
  ].join('')
}

function lineSection(t: Translate, line: Line): string {
  const number = line.phone
    ? `<p>${esc(t('line.number'))} <a class="phone" href="${telHref(line.phone)}">${esc(line.phone)}</a></p>`
    : `<p>${esc(t('line.noNumber'))}</p>`
  return `<section class="line" aria-labelledby="line-title"><h2 id="line-title">${esc(t('line.title'))}</h2>${number}<p>${esc(hoursText(t, line))}</p><p><strong>${esc(t('line.emergency'))}</strong></p></section>`
}

function sheetsSection(t: Translate, sheets: PublicSheetLink[]): string {
  const items = sheets
    .map((s) =>
      s.available
        ? `<li><a href="${esc(s.href)}">${esc(s.title)}</a></li>`
        : `<li><a href="${esc(s.href)}">${esc(s.title)}</a> — <span>${esc(t('sheets.missing'))}</span></li>`,
    )
    .join('')
  const list = sheets.length ? `<ul>${items}</ul>` : `<p>${esc(t('sheets.none'))}</p>`
  return `<section aria-labelledby="sheets-title"><h2 id="sheets-title">${esc(t('sheets.title'))}</h2>${list}</section>`
}

export const infoPath = (l: PublicLanguage) => (l === 'fr' ? '/info' : `/info/${l}`)

/** GET /info: what the service does, the line, confidentiality, the sheets, and the form. */
export function renderInfoPage(args: {
  language: PublicLanguage
  nonce: string
  line: Line
  sheets: PublicSheetLink[]
  form: FormState
}): string {
  const t = translator(args.language)
  const body = [
    `<h1>${esc(t('title'))}</h1><p>${esc(t('intro'))}</p>`,
    lineSection(t, args.line),
    `<section aria-labelledby="what-title"><h2 id="what-title">${esc(t('what.title'))}</h2><p>${esc(t('what.p1'))}</p>`,
    `<ul>${['item1', 'item2', 'item3', 'item4'].map((k) => `<li>${esc(t(`what.${k}`))}</li>`).join('')}</ul><p>${esc(t('what.p2'))}</p></section>`,
    `<section aria-labelledby="conf-title"><h2 id="conf-title">${esc(t('confidentiality.title'))}</h2><p>${esc(t('confidentiality.rule'))}</p>`,
    `<p>${esc(t('confidentiality.exceptionsIntro'))}</p><ul><li>${esc(t('confidentiality.exception1'))}</li><li>${esc(t('confidentiality.exception2'))}</li></ul>`,
    `<p>${esc(t('confidentiality.after'))}</p><p>${esc(t('confidentiality.data'))}</p></section>`,
    sheetsSection(t, args.sheets),
    renderForm(t, args.language, args.line, args.form),
  ].join('')
  return layout(args.language, args.nonce, t('title'), body, infoPath)
}

/** The answer to the plain HTML form: thanks and what happens next, or the form again with what was wrong. */
export function renderResultPage(args: {
  language: PublicLanguage
  nonce: string
  line: Line
  outcome: { received: true; anonymous: boolean } | { received: false; form: FormState }
}): string {
  const t = translator(args.language)
  const { outcome, line } = args
  if (outcome.received) {
    const callUs = line.phone ? `<p>${esc(t('result.callUs', { phone: line.phone }))}</p>` : ''
    const body = [
      `<h1>${esc(t('result.thanksTitle'))}</h1>`,
      `<p>${esc(t(outcome.anonymous ? 'result.thanksAnonymous' : 'result.thanksCallback'))}</p>`,
      callUs,
      lineSection(t, line),
      `<p><a href="${infoPath(args.language)}">${esc(t('result.back'))}</a></p>`,
    ].join('')
    return layout(args.language, args.nonce, t('result.thanksTitle'), body, infoPath)
  }
  const body = `<h1>${esc(t('result.errorTitle'))}</h1>${renderForm(t, args.language, line, outcome.form)}<p><a href="${infoPath(args.language)}">${esc(t('result.back'))}</a></p>`
  return layout(args.language, args.nonce, t('result.errorTitle'), body, infoPath)
}
