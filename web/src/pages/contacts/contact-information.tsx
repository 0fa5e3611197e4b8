import '../sheets/sheets.css'
import { Alert, Anchor, Badge, Button, Group, List, NativeSelect, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core'
import { IconBook, IconCheck, IconPrinter, IconSearch } from '@tabler/icons-react'
import { useQuery, useQueryClient, useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { INFORMATION_HOWS, type InformationHow } from '../../../../common/contracts/contact-information.contracts'
import type { ContactView } from '../../../../common/contracts/contacts.contracts'
import { LANGUAGES, type Language } from '../../../../common/roles'
import { api } from '../../api/client'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { useFormat } from '../../i18n/format'
import { currentLanguage } from '../../i18n'
import { SheetArticle } from '../sheets/sheet-text'
import { useAvailability } from '../sheets/sheets.page'
import { type SheetSummary, useSheet, useSheetList } from '../sheets/use-sheets'

function useInformationGiven(id: string) {
  return useQuery({
    queryKey: ['contacts', id, 'information-given'],
    queryFn: ({ signal }) => api.get('/api/contacts/{id}/information-given', { path: { id }, signal }),
  })
}

/** Records a sheet as given; a final contact moves on a version (and a history line), so the contact is read again. */
function useRecordInformation(contact: ContactView) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { sheetId: string; language: Language; how: InformationHow }) =>
      api.post('/api/contacts/{id}/information-given', { path: { id: contact.id }, body, ifMatch: contact.version }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['contacts', contact.id] })
    },
  })
}

/**
 * The sheet read in the language chosen, and recorded as given with how. A sheet that has no
 * published text in that language says so, and names the languages it has: never another
 * language's text in its place.
 */
function SheetReader({
  contact,
  sheet,
  language: chosen,
  onClose,
}: {
  contact: ContactView
  sheet: SheetSummary
  language: Language
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [language, setLanguage] = useState<Language>(chosen)
  const full = useSheet(sheet.id, language)
  const record = useRecordInformation(contact)
  const errors = useFieldErrors(record.error)
  const availability = useAvailability()
  const [how, setHow] = useState<InformationHow | ''>('')
  const [tried, setTried] = useState(false)
  const text = full.data?.text ?? null
  const submit = () => {
    setTried(true)
    if (!how || !text) return
    record.mutate({ sheetId: sheet.id, language, how }, { onSuccess: onClose })
  }
  return (
    <Stack gap="md" data-testid="information-reader">
      <NativeSelect
        label={t('contacts.information.language')}
        value={language}
        onChange={(e) => setLanguage(e.currentTarget.value as Language)}
        data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
        maw={240}
        data-testid="information-reader-language"
      />
      <ErrorAlert error={full.error ?? (errors.any ? null : record.error)} />
      {full.isPending ? <Loading /> : null}
      {full.data && !text ? (
        <Alert
          color="orange"
          variant="light"
          data-testid="information-unavailable"
          title={t('contacts.information.unavailableTitle', { language: t(`languages.${language}`) })}
        >
          {availability(full.data)
            ? t('contacts.information.unavailableBody', { languages: availability(full.data) })
            : t('sheets.unavailableNowhere')}
        </Alert>
      ) : null}
      {text ? (
        <>
          <Anchor component={Link} to={`/sheets/${encodeURIComponent(sheet.id)}/print?lang=${language}`} target="_blank" size="sm">
            <Group gap={4} component="span">
              <IconPrinter size={16} aria-hidden />
              {t('contacts.information.printable')}
            </Group>
          </Anchor>
          <Paper withBorder p="md">
            <SheetArticle text={text} code={sheet.code} headingLevel={2} />
          </Paper>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault()
              submit()
            }}
          >
            <Stack gap="sm">
              <Radio.Group
                label={t('contacts.information.how')}
                value={how}
                onChange={(v) => setHow(v as InformationHow)}
                error={(tried && !how ? t('validation.required') : undefined) ?? errors.of('how')}
                required
              >
                <Group gap="md" mt={4}>
                  {INFORMATION_HOWS.map((h) => (
                    <Radio key={h} value={h} label={t(`contacts.information.hows.${h}`)} required />
                  ))}
                </Group>
              </Radio.Group>
              {errors.of('language') ? (
                <Text c="red.8" size="sm" role="alert">
                  {t('contacts.information.unavailableTitle', { language: t(`languages.${language}`) })}
                </Text>
              ) : null}
              <Group>
                <Button type="submit" loading={record.isPending} leftSection={<IconCheck size={16} aria-hidden />}>
                  {t('contacts.information.record')}
                </Button>
              </Group>
            </Stack>
          </form>
        </>
      ) : null}
    </Stack>
  )
}

/**
 * Information given during the contact (issue 10, knowledge base): the worker searches the sheets
 * in a language (the interface's by default), reads one, and records it as given with how. The
 * list says what was given, in which version and language.
 */
export function InformationPanel({ contact }: { contact: ContactView }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const [language, setLanguage] = useState<Language>(currentLanguage())
  const [draft, setDraft] = useState('')
  const [q, setQ] = useState('')
  const [reading, setReading] = useState<SheetSummary | null>(null)
  const sheets = useSheetList({ language, q })
  const given = useInformationGiven(contact.id)
  // The list keeps the previous answer while the next one comes (placeholderData): for a new
  // search that is another query's sheets, which must not be shown, nor opened, as its results.
  const current = Boolean(q) && !sheets.isPlaceholderData
  const found = current ? (sheets.data?.items ?? []) : []
  return (
    <Paper component="section" aria-labelledby="contact-information" data-testid="contact-information">
      <Stack gap="sm">
        <Title order={2} size="h4" id="contact-information">
          {t('contacts.information.title')}
        </Title>
        <form
          role="search"
          aria-label={t('contacts.information.searchLabel')}
          onSubmit={(e) => {
            e.preventDefault()
            setQ(draft.trim())
          }}
        >
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('contacts.information.search')}
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              maxLength={200}
              style={{ flex: '1 1 14rem' }}
              data-testid="information-search"
            />
            <NativeSelect
              label={t('contacts.information.language')}
              value={language}
              onChange={(e) => setLanguage(e.currentTarget.value as Language)}
              data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
              data-testid="information-language"
            />
            <Button type="submit" variant="light" leftSection={<IconSearch size={16} aria-hidden />}>
              {t('contacts.information.find')}
            </Button>
          </Group>
        </form>
        <ErrorAlert error={sheets.error} />
        {q && (sheets.isPending || sheets.isPlaceholderData) ? <Loading /> : null}
        {current && sheets.data && found.length === 0 ? (
          <Text size="sm" c="gray.7" role="status">
            {t('contacts.information.noResult', { language: t(`languages.${language}`) })}
          </Text>
        ) : null}
        {found.length ? (
          <List listStyleType="none" spacing="xs" data-testid="information-results" aria-label={t('contacts.information.results')}>
            {found.map((s) => (
              <List.Item key={s.id}>
                <Group gap="sm" wrap="wrap">
                  <Text fw={600} lang={s.available ? language : undefined}>
                    {s.title ?? s.code}
                  </Text>
                  <Text size="sm" c="gray.7">
                    {s.code}
                  </Text>
                  {s.available ? null : (
                    <Badge color="orange" variant="light">
                      {t('contacts.information.missingIn', { language: t(`languages.${language}`) })}
                    </Badge>
                  )}
                  <Button
                    size="compact-sm"
                    variant="default"
                    leftSection={<IconBook size={14} aria-hidden />}
                    onClick={() => setReading(s)}
                    aria-label={t('contacts.information.readNamed', { title: s.title ?? s.code })}
                  >
                    {t('contacts.information.read')}
                  </Button>
                </Group>
              </List.Item>
            ))}
          </List>
        ) : null}
        <Title order={3} size="h5" mt="sm">
          {t('contacts.information.given')}
        </Title>
        <ErrorAlert error={given.error} />
        {given.isPending ? <Loading /> : null}
        {given.data && given.data.items.length === 0 ? (
          <Text size="sm" c="gray.7">
            {t('contacts.information.none')}
          </Text>
        ) : null}
        {given.data?.items.length ? (
          <List spacing="xs" data-testid="information-given">
            {given.data.items.map((g) => (
              <List.Item key={g.id}>
                <Text size="sm">
                  <Text span fw={600} lang={g.language}>
                    {g.title}
                  </Text>
                  {` · ${g.sheetCode} · ${t('contacts.information.version', { version: g.version })} · ${t(`languages.${g.language}`)} · ${t(`contacts.information.hows.${g.how}`)}`}
                </Text>
                <Text size="xs" c="gray.7">
                  {fmt.dateTimeMinutes(g.recordedAt)}
                  {g.recordedBy ? ` · ${g.recordedBy}` : ''}
                </Text>
              </List.Item>
            ))}
          </List>
        ) : null}
      </Stack>
      <AppModal opened={reading !== null} onClose={() => setReading(null)} title={t('contacts.information.readTitle')} size="xl">
        {reading ? <SheetReader contact={contact} sheet={reading} language={language} onClose={() => setReading(null)} /> : null}
      </AppModal>
    </Paper>
  )
}
