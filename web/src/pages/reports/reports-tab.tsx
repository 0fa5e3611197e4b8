import { Anchor, Button, Group, Paper, Radio, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core'
import { IconFileTypePdf, IconPlus, IconPrinter } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { AccompanimentView } from '../../../../common/contracts/accompaniments.contracts'
import { LANGUAGES, type Language } from '../../../../common/roles'
import { ErrorAlert } from '../../components/error-alert'
import { type FieldIssue, useFieldErrors } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { ScrollTable } from '../../components/scroll-table'
import { isLanguage } from '../../i18n'
import { useFormat } from '../../i18n/format'
import { localToIso } from '../casework/vocabulary'
import { addDays, localDay } from '../calendar/use-calendar'
import { ENGAGEMENT, type Engagement, type ReportView, reportPagePath, reportPdfUrl, useCreateReport, useReports } from './use-reports'
import { DateField } from '../../components/date-field'
import { RequiredNote } from '../../components/required-note'
import { focusFirstError } from '../../components/focus-error'

/** The new report starts where the last one ended, or at the start of the mandate. */
function defaultPeriodFrom(a: AccompanimentView, reports: ReportView[]): string {
  const last = reports
    .map((r) => r.content.periodTo)
    .sort()
    .at(-1)
  const today = localDay(new Date())
  const from = last ? localDay(addDays(new Date(`${last}T00:00:00`), 1)) : (a.judicial.mandateStart ?? localDay(addDays(new Date(), -90)))
  return from > today ? today : from
}

function NewReport({ a, reports, onDone }: { a: AccompanimentView; reports: ReportView[]; onDone: (r: ReportView) => void }) {
  const { t, i18n } = useTranslation()
  const today = localDay(new Date())
  const [periodFrom, setPeriodFrom] = useState(() => defaultPeriodFrom(a, reports))
  const [periodTo, setPeriodTo] = useState(today)
  const [engagement, setEngagement] = useState<Engagement | null>(null)
  const [comment, setComment] = useState('')
  const [recipient, setRecipient] = useState(a.judicial.authority ?? '')
  const [language, setLanguage] = useState<Language>(isLanguage(i18n.language) ? i18n.language : 'fr')
  const [sentOn, setSentOn] = useState(today)
  const [local, setLocal] = useState<FieldIssue[]>([])
  const create = useCreateReport(a.id)
  const errors = useFieldErrors(create.error, local)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues: FieldIssue[] = [
      ...(periodFrom ? [] : [{ field: 'periodFrom', code: 'required' }]),
      ...(periodTo ? [] : [{ field: 'periodTo', code: 'required' }]),
      ...(periodFrom && periodTo && periodFrom > periodTo ? [{ field: 'periodTo', code: 'date_order' }] : []),
      ...(engagement ? [] : [{ field: 'engagement', code: 'required' }]),
      ...(recipient.trim() ? [] : [{ field: 'recipient', code: 'required' }]),
    ]
    setLocal(issues)
    if (issues.length) focusFirstError(e.currentTarget as HTMLElement)
    if (issues.length || !engagement) return
    create.mutate(
      {
        periodFrom,
        periodTo,
        engagement,
        engagementComment: comment,
        recipient,
        language,
        // Sent today: the server's clock says when; another day: noon of that day, local time.
        sentAt: sentOn && sentOn !== today ? (localToIso(`${sentOn}T12:00`) ?? undefined) : undefined,
      },
      { onSuccess: onDone },
    )
  }

  return (
    <Paper component="section" aria-labelledby="report-new-title" withBorder p="md">
      <Title order={3} size="h5" id="report-new-title" mb={4}>
        {t('reports.new')}
      </Title>
      <Text size="sm" c="gray.7" mb="sm">
        {t('reports.newHint')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <RequiredNote />
          <ErrorAlert error={create.error && !errors.any ? create.error : null} />
          <Group grow align="flex-start">
            <DateField
              label={t('reports.periodFrom')}
              required
              value={periodFrom}
              onChange={(v) => setPeriodFrom(v)}
              error={errors.of('periodFrom')}
            />
            <DateField
              label={t('reports.periodTo')}
              required
              value={periodTo}
              onChange={(v) => setPeriodTo(v)}
              error={errors.of('periodTo')}
            />
          </Group>
          <Radio.Group
            label={t('reports.engagementLabel')}
            description={t('reports.engagementHelp')}
            required
            value={engagement}
            onChange={(v) => setEngagement(v as Engagement)}
            error={errors.of('engagement')}
          >
            <Group mt={6} gap="lg">
              {ENGAGEMENT.map((e) => (
                <Radio key={e} value={e} label={t(`reports.engagement.${e}`)} />
              ))}
            </Group>
          </Radio.Group>
          <Textarea
            label={t('reports.comment')}
            description={t('reports.commentHelp')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            error={errors.of('engagementComment')}
            autosize
            minRows={2}
            maxLength={1000}
          />
          <TextInput
            label={t('reports.recipient')}
            description={t('reports.recipientHelp')}
            required
            value={recipient}
            onChange={(e) => setRecipient(e.currentTarget.value)}
            error={errors.of('recipient')}
            maxLength={300}
          />
          <Group grow align="flex-start">
            <Select
              label={t('reports.language')}
              data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
              value={language}
              onChange={(v) => v && setLanguage(v as Language)}
              allowDeselect={false}
              error={errors.of('language')}
            />
            <DateField label={t('reports.sentOn')} value={sentOn} onChange={(v) => setSentOn(v)} error={errors.of('sentAt')} />
          </Group>
          <Group>
            <Button type="submit" leftSection={<IconPlus size={18} aria-hidden />} loading={create.isPending} data-testid="report-save">
              {t('reports.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}

/** Reports sent to the mandating authority: what, to whom, when; each printable and as PDF. */
export function ReportsTab({ a, canWrite }: { a: AccompanimentView; canWrite: boolean }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const reports = useReports(a.id)
  const [made, setMade] = useState<ReportView | null>(null)
  const writable = canWrite && a.status !== 'closed' && a.access !== 'emergency'
  const items = reports.data?.items ?? []

  return (
    <Stack gap="md">
      <div className="live-region" aria-live="polite">
        {made ? (
          <Text role="status" data-testid="report-made">
            {t('reports.made', { recipient: made.recipient })}{' '}
            <Anchor component={Link} to={reportPagePath(a.id, made.id)}>
              {t('reports.openPrintable')}
            </Anchor>
          </Text>
        ) : null}
      </div>
      <ErrorAlert error={reports.error} />
      {reports.isPending ? (
        <Loading />
      ) : items.length ? (
        <ScrollTable label={t('reports.tableLabel')}>
          <Table data-testid="reports" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('reports.period')}</Table.Th>
                <Table.Th scope="col">{t('reports.recipient')}</Table.Th>
                <Table.Th scope="col">{t('reports.sentOn')}</Table.Th>
                <Table.Th scope="col">{t('reports.author')}</Table.Th>
                <Table.Th scope="col">{t('reports.language')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => {
                const period = t('reports.periodValue', { from: fmt.date(r.content.periodFrom), to: fmt.date(r.content.periodTo) })
                return (
                  <Table.Tr key={r.id}>
                    <Table.Td>{period}</Table.Td>
                    <Table.Td>{r.recipient}</Table.Td>
                    <Table.Td className="nowrap">{fmt.day(r.sentAt.slice(0, 10))}</Table.Td>
                    <Table.Td>{r.createdBy}</Table.Td>
                    <Table.Td>{t(`languages.${r.language}`)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Anchor
                          component={Link}
                          to={reportPagePath(a.id, r.id)}
                          aria-label={t('reports.printOne', { period })}
                          className="nowrap"
                        >
                          <IconPrinter size={16} aria-hidden /> {t('reports.printable')}
                        </Anchor>
                        <Anchor href={reportPdfUrl(a.id, r.id)} download aria-label={t('reports.pdfOne', { period })} className="nowrap">
                          <IconFileTypePdf size={16} aria-hidden /> {t('reports.pdf')}
                        </Anchor>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : (
        <Text c="gray.7">{t('reports.empty')}</Text>
      )}
      {writable && !reports.isPending ? <NewReport key={items.length} a={a} reports={items} onDone={(r) => setMade(r)} /> : null}
    </Stack>
  )
}
