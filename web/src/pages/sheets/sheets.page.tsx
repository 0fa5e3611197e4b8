import { Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core'
import { IconPlus, IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { LANGUAGES, type Language } from '../../../../common/roles'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { currentLanguage, isLanguage } from '../../i18n'
import { SHEET_AUDIENCES, SHEET_KINDS, type SheetSummary, useSheetList } from './use-sheets'

export const sheetPath = (id: string, language: Language) => `/sheets/${encodeURIComponent(id)}?lang=${language}`

/** The languages a sheet is published in, named; what the reader is told when theirs is missing. */
export function useAvailability() {
  const { t } = useTranslation()
  return (s: Pick<SheetSummary, 'languages'>) =>
    s.languages
      .filter((l) => l.published)
      .map((l) => t(`languages.${l.language}`))
      .join(', ')
}

/** The knowledge base: searched in one language (the UI's by default), ranked when words are given. */
export function SheetsPage() {
  const { t } = useTranslation()
  const me = useMe().data
  const [params, setParams] = useSearchParams()
  const lang = params.get('lang')
  const language: Language = isLanguage(lang) ? lang : currentLanguage()
  const [draft, setDraft] = useState(params.get('q') ?? '')
  const q = params.get('q') ?? ''
  const kind = params.get('kind') ?? ''
  const audience = params.get('audience') ?? ''
  const list = useSheetList({ language, q, kind, audience })
  const availability = useAvailability()
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v)
      else next.delete(k)
    }
    setParams(next, { replace: true })
  }

  return (
    <>
      <PageHeader
        title={t('sheets.title')}
        description={t('sheets.description')}
        actions={
          can(me, 'sheet.manage') ? (
            <Button component={Link} to="/sheets/new" leftSection={<IconPlus size={18} aria-hidden />}>
              {t('sheets.new')}
            </Button>
          ) : null
        }
      />
      <form
        role="search"
        aria-label={t('sheets.searchLabel')}
        onSubmit={(e) => {
          e.preventDefault()
          set({ q: draft.trim() })
        }}
      >
        <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
          <TextInput
            label={t('sheets.search')}
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            maxLength={200}
            style={{ flex: '1 1 16rem' }}
            data-testid="sheet-search"
          />
          <NativeSelect
            label={t('sheets.language')}
            value={language}
            onChange={(e) => set({ lang: e.currentTarget.value })}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            data-testid="sheet-language"
          />
          <NativeSelect
            label={t('sheets.kind')}
            value={kind}
            onChange={(e) => set({ kind: e.currentTarget.value })}
            data={[{ value: '', label: t('sheets.all') }, ...SHEET_KINDS.map((k) => ({ value: k, label: t(`sheets.kinds.${k}`) }))]}
          />
          <NativeSelect
            label={t('sheets.audience')}
            value={audience}
            onChange={(e) => set({ audience: e.currentTarget.value })}
            data={[{ value: '', label: t('sheets.all') }, ...SHEET_AUDIENCES.map((a) => ({ value: a, label: t(`sheets.audiences.${a}`) }))]}
          />
          <Button type="submit" leftSection={<IconSearch size={18} aria-hidden />}>
            {t('sheets.searchButton')}
          </Button>
        </Group>
      </form>
      <ErrorAlert error={list.error} />
      <div role="status" className="live-region">
        {list.data ? (
          <Text size="sm" c="dimmed" mb="xs">
            {list.data.searched
              ? t('sheets.found', { count: list.data.items.length, language: t(`languages.${language}`) })
              : t('sheets.count', { count: list.data.items.length })}
          </Text>
        ) : null}
      </div>
      {!list.data ? (
        <Loading />
      ) : list.data.items.length ? (
        <ScrollTable label={t('sheets.tableLabel')}>
          <Table verticalSpacing="sm" data-testid="sheets">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('sheets.sheetTitle')}</Table.Th>
                <Table.Th scope="col" visibleFrom="sm">
                  {t('sheets.kind')}
                </Table.Th>
                <Table.Th scope="col" visibleFrom="sm">
                  {t('sheets.audience')}
                </Table.Th>
                <Table.Th scope="col">{t('sheets.languages')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((s) => (
                <Table.Tr key={s.id} data-testid={`sheet-row-${s.code}`}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Anchor component={Link} to={sheetPath(s.id, language)} fw={500}>
                        {s.title ?? s.code}
                      </Anchor>
                      {!s.available ? (
                        <Text size="sm" c="orange.9">
                          {t('sheets.notAvailable', { language: t(`languages.${language}`), languages: availability(s) || '—' })}
                        </Text>
                      ) : null}
                      {/* On a phone, kind and audience go under the title. */}
                      <Text size="sm" c="gray.7" hiddenFrom="sm" data-testid="sheet-row-details">
                        {[t(`sheets.kinds.${s.kind}`), s.audiences.map((a) => t(`sheets.audiences.${a}`)).join(', ')].join(' · ')}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{t(`sheets.kinds.${s.kind}`)}</Table.Td>
                  <Table.Td visibleFrom="sm">{s.audiences.map((a) => t(`sheets.audiences.${a}`)).join(', ')}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {s.languages.map((l) => (
                        <Badge
                          key={l.language}
                          variant={l.published ? 'light' : 'outline'}
                          color={l.published ? 'petrol' : 'gray'}
                          title={l.published ? t('sheets.published') : t('sheets.draftOnly')}
                        >
                          <span aria-hidden>{l.language.toUpperCase()}</span>
                          <VisuallyHidden>
                            {`${t(`languages.${l.language}`)}: ${l.published ? t('sheets.published') : t('sheets.draftOnly')}`}
                          </VisuallyHidden>
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : (
        <Text>{list.data.searched ? t('sheets.noMatch') : t('sheets.none')}</Text>
      )}
    </>
  )
}
