import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { PartnerOrganisationInput, PartnerOrganisationView, PartnerSearchQuery } from '../../../../common/contracts/partners.contracts'
import { api } from '../../api/client'
import { isLanguage } from '../../i18n'

export type Organisation = z.infer<typeof PartnerOrganisationView>
export type OrganisationBody = z.input<typeof PartnerOrganisationInput>
export type ServiceBody = NonNullable<OrganisationBody['services']>[number]
export type SearchQuery = z.infer<typeof PartnerSearchQuery>

/** Languages offered in the search and the forms; any other ISO code met in the data is shown too. */
export const COMMON_LANGUAGES = ['fr', 'nl', 'de', 'en', 'ar', 'tr', 'es', 'it', 'pt', 'ro', 'pl', 'ru', 'uk', 'fa', 'ps', 'so', 'ti']

export function useOrganisation(id: string | undefined) {
  return useQuery({
    queryKey: ['partners', id],
    queryFn: ({ signal }) => api.get('/api/partners/{id}', { path: { id: id as string }, signal }),
    enabled: Boolean(id),
  })
}

export function usePartnerSearch(query: SearchQuery | null) {
  return useQuery({
    queryKey: ['partners', 'search', query],
    queryFn: ({ signal }) => api.get('/api/partners/search', { query: query ?? {}, signal }),
    enabled: query !== null,
  })
}

export function useNeedCategories() {
  return useQuery({ queryKey: ['need-categories'], queryFn: ({ signal }) => api.get('/api/need-categories', { signal }) })
}

/** The user's interface language, for labels kept in four languages. */
export function useUiLanguage() {
  const { i18n } = useTranslation()
  return isLanguage(i18n.language) ? i18n.language : 'fr'
}

/** A need category's label in the interface language; its code when it is unknown. */
export function useNeedLabel() {
  const lang = useUiLanguage()
  const needs = useNeedCategories()
  return (code: string) => needs.data?.items.find((n) => n.code === code)?.labels[lang] ?? code
}

/** A language's name from its ISO 639-1 code, in the interface language (the browser knows them all). */
export function useLanguageName() {
  const lang = useUiLanguage()
  let names: Intl.DisplayNames | null = null
  try {
    names = new Intl.DisplayNames([lang], { type: 'language' })
  } catch {
    names = null
  }
  /** Capitalised to stand alone (lists, options); as is inside a sentence ("parle arabe"). */
  return (code: string, inSentence = false) => {
    const name = names?.of(code)
    if (!name || name === code) return code
    return inSentence ? name : name.charAt(0).toLocaleUpperCase(lang) + name.slice(1)
  }
}

/** Region and province codes (ISO 3166-2) as the interface names them. */
const REGION_KEYS: Record<string, string> = { 'BE-BRU': 'brussels', 'BE-WAL': 'wallonia', 'BE-VLG': 'flanders' }
const PROVINCE_KEYS: Record<string, string> = {
  'BE-VAN': 'antwerp',
  'BE-VBR': 'flemishBrabant',
  'BE-VWV': 'westFlanders',
  'BE-VOV': 'eastFlanders',
  'BE-VLI': 'limburg',
  'BE-WBR': 'walloonBrabant',
  'BE-WHT': 'hainaut',
  'BE-WLG': 'liege',
  'BE-WLX': 'luxembourg',
  'BE-WNA': 'namur',
}

/** How a coverage area reads: regions and provinces translated, municipalities and postcodes by their name. */
export function useAreaName() {
  const { t } = useTranslation()
  return (area: { level: string; code: string; name: string }) => {
    if (area.level === 'national') return t('partners.coverage.belgium')
    if (area.level === 'region' && REGION_KEYS[area.code]) return t(`regions.${REGION_KEYS[area.code]}`)
    if (area.level === 'province' && PROVINCE_KEYS[area.code]) return t(`provinces.${PROVINCE_KEYS[area.code]}`)
    return area.name
  }
}

/** The organisation as its form edits it: the view without what the server computes. */
export function toBody(o: Organisation): OrganisationBody {
  return {
    id: o.id,
    name: o.name,
    alternateName: o.alternateName,
    description: o.description,
    missions: o.missions,
    goals: o.goals,
    ethics: o.ethics,
    charterSignedOn: o.charterSignedOn,
    charterRenewOn: o.charterRenewOn,
    audiences: o.audiences,
    languages: o.languages,
    accessibility: o.accessibility,
    email: o.email,
    website: o.website,
    referralEmail: o.referralEmail,
    active: o.active,
    contacts: o.contacts.map((c) => ({ id: c.id, name: c.name, title: c.title, email: c.email, phone: c.phone })),
    services: o.services.map((s) => ({
      id: s.id,
      name: s.name,
      description: s.description,
      status: s.status,
      eligibility: s.eligibility,
      capacity: s.capacity,
      waitDays: s.waitDays,
      feesDescription: s.feesDescription,
      languages: s.languages,
      audiences: s.audiences,
      minimumAge: s.minimumAge,
      maximumAge: s.maximumAge,
      needs: s.needs,
      coverage: s.coverage.map((c) => ({ level: c.level, code: c.code })),
    })),
  }
}

export const EMPTY_SERVICE: ServiceBody = {
  name: '',
  description: null,
  status: 'active',
  eligibility: null,
  capacity: 'available',
  waitDays: null,
  feesDescription: null,
  languages: [],
  audiences: [],
  minimumAge: null,
  maximumAge: null,
  needs: [],
  coverage: [],
}

export const EMPTY_ORGANISATION: OrganisationBody = {
  name: '',
  alternateName: null,
  description: '',
  missions: null,
  goals: null,
  ethics: null,
  charterSignedOn: null,
  charterRenewOn: null,
  audiences: [],
  languages: [],
  accessibility: null,
  email: null,
  website: null,
  referralEmail: null,
  active: true,
  contacts: [],
  services: [],
}
