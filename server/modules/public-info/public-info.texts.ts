import { PUBLIC_LANGUAGES, type PublicLanguage } from '../../../common/contracts/contact-requests.contracts'
import de from '../../../web/src/i18n/locales/public-info/de.json'
import en from '../../../web/src/i18n/locales/public-info/en.json'
import fr from '../../../web/src/i18n/locales/public-info/fr.json'
import nl from '../../../web/src/i18n/locales/public-info/nl.json'

/**
 * The public page's texts: the web app's locale files (one per language, checked with all the
 * others by web/src/i18n/locales.test.ts), read here so that the page needs no script.
 */
type Tree = { [key: string]: string | Tree }
const TEXTS: Record<PublicLanguage, Tree> = { fr: fr.publicInfo, nl: nl.publicInfo, de: de.publicInfo, en: en.publicInfo }

export const isPublicLanguage = (value: unknown): value is PublicLanguage =>
  typeof value === 'string' && (PUBLIC_LANGUAGES as readonly string[]).includes(value)

/** `t('form.title')`, with `{{name}}` replaced by the (already plain) values given. */
export type Translate = (key: string, values?: Record<string, string | number>) => string

export function translator(language: PublicLanguage): Translate {
  return (key, values = {}) => {
    let node: string | Tree | undefined = TEXTS[language]
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined
    if (typeof node !== 'string') throw new Error(`public page text missing: ${key}`)
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''))
  }
}
