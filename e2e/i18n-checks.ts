import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'
import { watchConsole } from './support'
import { LANGUAGES, type Language } from '../common/roles'
import { TRANSLATIONS } from '../web/src/i18n/resources'
import { TEST_PASSWORD } from '../server/test/harness'
import { expectNoAxeViolations } from './support'

/** The key `web/src/i18n` reads at start-up. */
export const LANGUAGE_STORAGE_KEY = 'parcours.language'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else flatten(v, key, out)
  }
  return out
}

const FLAT = Object.fromEntries(LANGUAGES.map((l) => [l, flatten(TRANSLATIONS[l])])) as Record<Language, Map<string, string>>

/** Every key path, plural forms also under their base name (`persons.resultCount`). */
const KEYS = new Set([...FLAT.fr.keys()].flatMap((k) => [k, k.replace(/_(zero|one|two|few|many|other)$/, '')]))

/** A translated string, for locators that name a control the way a user reads it. */
export function tr(lang: Language, key: string): string {
  const v = FLAT[lang].get(key)
  if (v === undefined) throw new Error(`no such key: ${key}`)
  return v
}

/**
 * Strings long enough to be recognised, that belong to another language than the page's: a
 * French sentence on a Dutch page is a missing translation or a hard-coded text.
 */
function foreignSentences(lang: Language): Map<string, string> {
  const out = new Map<string, string>()
  for (const other of LANGUAGES) {
    if (other === lang) continue
    for (const [key, value] of FLAT[other]) {
      const own = FLAT[lang].get(key)
      if (value === own || value.length < 16 || !value.includes(' ')) continue
      // Interpolated strings are matched by their longest literal part.
      const literal = value
        .split(/\{\{\w+\}\}/)
        .map((s) => s.trim())
        .sort((a, b) => b.length - a.length)[0]!
      if (literal.length >= 16 && !(own ?? '').includes(literal)) out.set(literal, `${other}:${key}`)
    }
  }
  return out
}
const FOREIGN = Object.fromEntries(LANGUAGES.map((l) => [l, foreignSentences(l)])) as Record<Language, Map<string, string>>

/**
 * What a user can read or hear: text nodes, accessible names and descriptions, the document
 * title. Monospaced values (person codes, audit action names such as `person.created`) are data,
 * not interface text, and are left out.
 */
function readableText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [document.title]
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement
      if (!el || el.closest('.mono, script, style')) continue
      const s = n.textContent?.trim()
      if (s) out.push(s)
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [alt], [placeholder], [aria-description]')) {
      if (el.closest('.mono')) continue
      for (const a of ['aria-label', 'title', 'alt', 'placeholder', 'aria-description']) {
        const v = el.getAttribute(a)
        if (v) out.push(v)
      }
    }
    return out
  })
}

export async function untranslated(page: Page, lang: Language): Promise<string[]> {
  const texts = await readableText(page)
  const problems = new Set<string>()
  for (const text of texts) {
    for (const m of text.matchAll(/\b[a-zA-Z]+(?:\.[a-zA-Z_]+)+\b/g)) if (KEYS.has(m[0])) problems.add(`key ${m[0]}`)
    for (const [sentence, origin] of FOREIGN[lang]) if (text.includes(sentence)) problems.add(`${origin}: ${sentence}`)
  }
  return [...problems]
}

/** Waits until CSS transitions and animations (modal fade-in, loaders) are over. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
}

/** Axe, `<html lang>`, and no key path or other-language sentence in what the user can read. */
export async function checkScreen(page: Page, label: string, lang: Language): Promise<void> {
  // Every screen has its title; until it is there the screen is still loading, not wrong.
  await page.locator('h1').first().waitFor()
  await settle(page)
  await expect.poll(() => page.locator('html').getAttribute('lang'), { message: `lang on ${label}` }).toBe(lang)
  await expectNoAxeViolations(page, label)
  expect(await untranslated(page, lang), `untranslated text on ${label}`).toEqual([])
}

/** Chooses the interface language for the next page load, as the language switch would. */
export async function chooseLanguage(page: Page, origin: string, lang: Language): Promise<void> {
  // Storage belongs to the origin, so any address of it will do; not the sign-in page: with a
  // session open, it applies the account's language and, in a race with this write, could store
  // it after ours (a sweep then opened in English what it expected in French).
  const current = page.url()
  if (!current.startsWith(origin) || new URL(current).pathname === '/login') await page.goto(`${origin}/api/health`)
  await page.evaluate(([k, v]) => window.localStorage.setItem(k, v), [LANGUAGE_STORAGE_KEY, lang] as const)
}

/** Signs a browser context in through the API, as the web app's login form does. */
export async function signIn(context: BrowserContext, origin: string, email: string): Promise<void> {
  const res = await context.request.post(`${origin}/api/auth/login`, {
    data: { email, password: TEST_PASSWORD },
    headers: { 'x-parcours-request': '1' },
  })
  expect(res.status(), `sign-in of ${email}`).toBe(200)
}

/**
 * A fresh browser context signed in as this user, with its console watched for problems: in French
 * on a desktop unless told; the app's language chosen when one is given.
 */
export async function signedInPage(
  browser: Browser,
  url: string,
  email: string,
  options: { lang?: Language; width?: number; height?: number; timezoneId?: string } = {},
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({
    locale: `${options.lang ?? 'fr'}-BE`,
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    viewport: { width: options.width ?? 1280, height: options.height ?? (options.width && options.width < 600 ? 844 : 900) },
  })
  await signIn(context, url, email)
  const page = await context.newPage()
  const problems = watchConsole(page)
  if (options.lang) await chooseLanguage(page, url, options.lang)
  return { page, problems }
}
