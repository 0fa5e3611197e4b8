import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core'
import { IconDownload, IconPlus, IconSearch, IconTags } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { PARTNER_AUDIENCES } from '../../../../common/contracts/partners.contracts'
import { isApiError } from '../../api/client'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { useFormat } from '../../i18n/format'
import { ReferToService } from '../referrals/refer-to-service'
import { PartnerResult } from './partner-result'
import {
  COMMON_LANGUAGES,
  type SearchQuery,
  useAreaName,
  useLanguageName,
  useNeedCategories,
  usePartnerSearch,
  useUiLanguage,
} from './use-partners'

const FIELDS = ['place', 'need', 'audience', 'language', 'q'] as const
type Draft = Record<(typeof FIELDS)[number], string>

/** The criteria in the address (none is personal data), so that a search can be shared, reloaded or gone back to. */
function queryOf(params: URLSearchParams): SearchQuery | null {
  const query: Record<string, string> = {}
  for (const f of FIELDS) {
    const v = params.get(f)?.trim()
    if (v) query[f] = v
  }
  return Object.keys(query).length ? (query as SearchQuery) : null
}

/** "Who can help near here": services covering a place, by need, audience, language and words, each saying why it matched. */
export function PartnersSearchPage() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const me = useMe().data
  const lang = useUiLanguage()
  const [params, setParams] = useSearchParams()
  const query = queryOf(params)
  const [draft, setDraft] = useState<Draft>(() => Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as Draft)
  const needs = useNeedCategories()
  const languageName = useLanguageName()
  const area = useAreaName()
  const found = usePartnerSearch(query)
  const placeUnknown = isApiError(found.error) && found.error.fieldErrors.some((e) => e.field.endsWith('place'))
  const set = (field: keyof Draft) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value
    setDraft((d) => ({ ...d, [field]: value }))
  }
  const place = found.data?.place
  const placeText = place
    ? [
        [place.postcode, place.municipality?.name].filter(Boolean).join(' '),
        place.province ? t('partners.search.provinceOf', { name: area({ level: 'province', ...place.province }) }) : null,
        area({ level: 'region', ...place.region }),
      ]
        .filter(Boolean)
        .join(' · ')
    : null

  return (
    <>
      <PageHeader
        title={t('partners.search.title')}
        description={t('partners.search.intro')}
        actions={
          <>
            {can(me, 'partner_directory.manage') ? (
              <Button component={Link} to="/partners/new" variant="light" leftSection={<IconPlus size={18} aria-hidden />}>
                {t('partners.new')}
              </Button>
            ) : null}
            {can(me, 'partner_directory.import') ? (
              <Button component={Link} to="/admin/partners" variant="default" leftSection={<IconDownload size={18} aria-hidden />}>
                {t('partners.hsds.nav')}
              </Button>
            ) : null}
            {can(me, 'need_category.manage') ? (
              <Button component={Link} to="/admin/need-categories" variant="default" leftSection={<IconTags size={18} aria-hidden />}>
                {t('partners.needCategories.nav')}
              </Button>
            ) : null}
          </>
        }
      />
      <form
        role="search"
        aria-label={t('partners.search.formLabel')}
        onSubmit={(e) => {
          e.preventDefault()
          const next = new URLSearchParams()
          for (const f of FIELDS) if (draft[f].trim()) next.set(f, draft[f].trim())
          setParams(next, { replace: false })
        }}
      >
        <Stack gap="sm" mb="lg">
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label={t('partners.search.place')}
              description={t('partners.search.placeHint')}
              value={draft.place}
              onChange={set('place')}
              maxLength={100}
              autoComplete="off"
              error={placeUnknown ? t('partners.search.placeUnknown') : undefined}
              style={{ flex: '1 1 14rem' }}
              data-testid="search-place"
            />
            <TextInput
              label={t('partners.search.words')}
              description={t('partners.search.wordsHint')}
              value={draft.q}
              onChange={set('q')}
              maxLength={100}
              style={{ flex: '1 1 14rem' }}
              data-testid="search-words"
            />
          </Group>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <NativeSelect
              label={t('partners.search.need')}
              value={draft.need}
              onChange={set('need')}
              style={{ flex: '1 1 12rem' }}
              data-testid="search-need"
              data={[
                { value: '', label: t('partners.search.any') },
                ...(needs.data?.items ?? []).filter((n) => n.active).map((n) => ({ value: n.code, label: n.labels[lang] })),
              ]}
            />
            <NativeSelect
              label={t('partners.search.audience')}
              value={draft.audience}
              onChange={set('audience')}
              style={{ flex: '1 1 12rem' }}
              data-testid="search-audience"
              data={[
                { value: '', label: t('partners.search.any') },
                ...PARTNER_AUDIENCES.map((a) => ({ value: a, label: t(`partners.audiences.${a}`) })),
              ]}
            />
            <NativeSelect
              label={t('partners.search.language')}
              value={draft.language}
              onChange={set('language')}
              style={{ flex: '1 1 12rem' }}
              data-testid="search-language"
              data={[
                { value: '', label: t('partners.search.any') },
                ...COMMON_LANGUAGES.map((l) => ({ value: l, label: languageName(l) })).sort((a, b) => a.label.localeCompare(b.label, lang)),
              ]}
            />
            <Button type="submit" leftSection={<IconSearch size={18} aria-hidden />}>
              {t('partners.search.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      <section aria-labelledby="partner-results-title">
        <Text component="h2" fw={700} size="xl" id="partner-results-title" mb="xs">
          {t('partners.search.results')}
        </Text>
        <div aria-live="polite" data-testid="search-count">
          {found.data ? (
            <Text mb="sm">
              {found.data.capped
                ? t('partners.search.countCapped', { total: fmt.number(found.data.total) })
                : placeText
                  ? t('partners.search.countNear', { count: found.data.total, place: placeText })
                  : t('partners.search.count', { count: found.data.total })}
            </Text>
          ) : query === null ? (
            <Text mb="sm">{t('partners.search.prompt')}</Text>
          ) : null}
        </div>
        {placeUnknown ? null : <ErrorAlert error={found.error} />}
        {found.isFetching && !found.data ? <Loading /> : null}
        {found.data?.items.length ? (
          <Stack gap="sm" component="ol" className="plain-list" data-testid="partner-results">
            {found.data.items.map((r) => (
              <li key={r.service.id}>
                <PartnerResult result={r} />
                <ReferToService
                  organisationId={r.organisation.id}
                  serviceId={r.service.id}
                  name={`${r.organisation.name} — ${r.service.name}`}
                />
              </li>
            ))}
          </Stack>
        ) : null}
      </section>
    </>
  )
}
