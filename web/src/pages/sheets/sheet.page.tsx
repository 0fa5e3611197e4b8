import './sheets.css'
import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core'
import { IconArrowLeft, IconEdit, IconPrinter } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link, useParams, useSearchParams } from 'react-router'
import { LANGUAGES, type Language } from '../../../../common/roles'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import { currentLanguage, isLanguage } from '../../i18n'
import { NotFoundPage } from '../not-found/not-found.page'
import { SheetArticle } from './sheet-text'
import { useAvailability } from './sheets.page'
import { useSheet, useSheetHistory, useSheetVersion } from './use-sheets'

/** The language and version asked for in the address (`?lang=nl&version=2`). */
export function useSheetAddress() {
  const { id = '' } = useParams()
  const [params] = useSearchParams()
  const lang = params.get('lang')
  const language: Language = isLanguage(lang) ? lang : currentLanguage()
  const v = Number(params.get('version'))
  return { id, language, version: Number.isInteger(v) && v > 0 ? v : null }
}

const here = (id: string, language: Language, extra = '') => `/sheets/${encodeURIComponent(id)}${extra}?lang=${language}`

/** A sheet in one language: its published text (or an older version), its languages, its history. */
export function SheetPage() {
  const { t } = useTranslation()
  const { dateTime } = useFormat()
  const me = useMe().data
  const { id, language, version } = useSheetAddress()
  const sheet = useSheet(id, language)
  const history = useSheetHistory(id, language)
  const older = useSheetVersion(id, language, version)
  const availability = useAvailability()
  if (sheet.error && 'status' in sheet.error && sheet.error.status === 404) return <NotFoundPage />
  if (!sheet.data) return sheet.error ? <ErrorAlert error={sheet.error} /> : <Loading />
  const s = sheet.data
  const shown = version !== null ? older.data : s.text
  const manage = can(me, 'sheet.manage')

  return (
    <>
      <PageHeader
        title={s.title ?? s.code}
        description={`${t(`sheets.kinds.${s.kind}`)} · ${s.audiences.map((a) => t(`sheets.audiences.${a}`)).join(', ')}`}
        actions={
          <Group gap="xs" className="no-print">
            <Button component={Link} to="/sheets" variant="subtle" leftSection={<IconArrowLeft size={18} aria-hidden />}>
              {t('sheets.back')}
            </Button>
            {shown ? (
              <Button
                component={Link}
                to={`${here(id, language, '/print')}${version !== null ? `&version=${version}` : ''}`}
                variant="light"
                leftSection={<IconPrinter size={18} aria-hidden />}
              >
                {t('sheets.print')}
              </Button>
            ) : null}
            {manage ? (
              <Button component={Link} to={here(id, language, '/edit')} leftSection={<IconEdit size={18} aria-hidden />}>
                {t('sheets.edit')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <nav aria-label={t('sheets.languagesOfSheet')} className="no-print">
        <Group gap="xs" mb="md">
          {LANGUAGES.map((l) => {
            const state = s.languages.find((x) => x.language === l)
            return (
              <Button
                key={l}
                component={Link}
                to={here(id, l)}
                size="compact-sm"
                variant={l === language ? 'filled' : 'default'}
                aria-current={l === language ? 'page' : undefined}
                lang={l}
              >
                {`${t(`languages.${l}`)}${state?.published ? '' : ` — ${t('sheets.missing')}`}`}
              </Button>
            )
          })}
        </Group>
      </nav>
      <Stack gap="md">
        {!s.available ? (
          <Alert
            color="orange"
            variant="light"
            data-testid="sheet-unavailable"
            title={t('sheets.unavailableTitle', { language: t(`languages.${language}`) })}
          >
            {availability(s) ? t('sheets.unavailableBody', { languages: availability(s) }) : t('sheets.unavailableNowhere')}
          </Alert>
        ) : null}
        {version !== null && shown ? (
          <Alert color="gray" variant="light" data-testid="sheet-old-version">
            {t('sheets.olderVersion', { version, status: t(`sheets.statuses.${shown.status}`) })}{' '}
            <Anchor component={Link} to={here(id, language)}>
              {t('sheets.backToCurrent')}
            </Anchor>
          </Alert>
        ) : null}
        {version !== null ? <ErrorAlert error={older.error} /> : null}
        {shown ? <SheetArticle text={shown} code={s.code} /> : null}
        {manage && s.draft ? (
          <Text size="sm" c="dimmed">
            {t('sheets.hasDraft', { version: s.draft.version })}
          </Text>
        ) : null}
        <div className="no-print">
          <Title order={2} size="h4" id="sheet-history-title" mb="xs">
            {t('sheets.history', { language: t(`languages.${language}`) })}
          </Title>
          <ErrorAlert error={history.error} />
          {history.data?.items.length ? (
            <ScrollTable label={t('sheets.history', { language: t(`languages.${language}`) })}>
              <Table data-testid="sheet-history">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('sheets.version')}</Table.Th>
                    <Table.Th scope="col">{t('sheets.status')}</Table.Th>
                    <Table.Th scope="col">{t('sheets.sheetTitle')}</Table.Th>
                    <Table.Th scope="col">{t('sheets.publishedAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {history.data.items.map((v) => (
                    <Table.Tr key={v.id}>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`${here(id, language)}&version=${v.version}`}
                          aria-label={t('sheets.readVersion', { version: v.version })}
                        >
                          {`v${v.version}`}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={v.status === 'published' ? 'green' : 'gray'}>
                          {t(`sheets.statuses.${v.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td lang={v.language}>{v.title}</Table.Td>
                      <Table.Td>{v.publishedAt ? dateTime(v.publishedAt) : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          ) : history.data ? (
            <Text>{t('sheets.noHistory')}</Text>
          ) : null}
        </div>
      </Stack>
    </>
  )
}

/** The printable page: the sheet alone, in its language; the app's frame and this button do not print. */
export function SheetPrintPage() {
  const { t } = useTranslation()
  const { id, language, version } = useSheetAddress()
  const sheet = useSheet(id, language)
  const older = useSheetVersion(id, language, version)
  if (!sheet.data) return sheet.error ? <ErrorAlert error={sheet.error} /> : <Loading />
  const shown = version !== null ? older.data : sheet.data.text
  return (
    <Stack gap="md">
      <Group gap="xs" className="no-print">
        <Button component={Link} to={here(id, language)} variant="subtle" leftSection={<IconArrowLeft size={18} aria-hidden />}>
          {t('sheets.backToSheet')}
        </Button>
        <Button onClick={() => window.print()} leftSection={<IconPrinter size={18} aria-hidden />} disabled={!shown}>
          {t('sheets.printNow')}
        </Button>
      </Group>
      {shown ? (
        <SheetArticle text={shown} code={sheet.data.code} headingLevel={1} />
      ) : (
        <Alert color="orange" variant="light">
          {t('sheets.unavailableTitle', { language: t(`languages.${language}`) })}
        </Alert>
      )}
    </Stack>
  )
}
