import './reports.css'
import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core'
import { IconArrowLeft, IconFileTypePdf, IconPrinter } from '@tabler/icons-react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { NotFoundPage } from '../not-found/not-found.page'
import { ATTENDANCE } from '../casework/vocabulary'
import { type ReportView, reportPdfUrl, useReports } from './use-reports'
import { makeFormat } from '../../i18n/formatters'

/**
 * The report as the authority receives it, in the report's own language: the recorded content
 * and nothing else from the case. The app shell and this page's buttons do not print.
 */
function Sheet({ report }: { report: ReportView }) {
  const { i18n } = useTranslation()
  const rt = i18n.getFixedT(report.language)
  const c = report.content
  const date = (iso: string | null) => (iso ? makeFormat(report.language).date(iso.slice(0, 10)) : '—')
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const counted = ATTENDANCE.filter((k) => (c.attendance[k] ?? 0) > 0)

  return (
    <article lang={report.language} className="report-sheet" data-testid="report-sheet" aria-labelledby="report-title">
      <Title order={1} id="report-title" ref={heading} tabIndex={-1} size="h2" mb="md">
        {rt('reports.sheet.title')}
      </Title>
      <dl className="report-facts">
        <dt>{rt('reports.sheet.person')}</dt>
        <dd>{c.personName}</dd>
        <dt>{rt('reports.sheet.case')}</dt>
        <dd className="mono">{c.caseCode}</dd>
        <dt>{rt('reports.sheet.measure')}</dt>
        <dd>{c.measure ? rt(`accompaniment.measure.${c.measure}`) : '—'}</dd>
        <dt>{rt('reports.sheet.mandate')}</dt>
        <dd>{rt('reports.periodValue', { from: date(c.mandateStart), to: date(c.mandateEnd) })}</dd>
        <dt>{rt('reports.sheet.period')}</dt>
        <dd>{rt('reports.periodValue', { from: date(c.periodFrom), to: date(c.periodTo) })}</dd>
        <dt>{rt('reports.sheet.recipient')}</dt>
        <dd>{report.recipient}</dd>
        <dt>{rt('reports.sheet.sentAt')}</dt>
        <dd>{date(report.sentAt)}</dd>
      </dl>

      <Title order={2} size="h4" mt="lg" mb="xs">
        {rt('reports.sheet.sessions')}
      </Title>
      {c.sessions.length ? (
        <Table withTableBorder verticalSpacing={4} data-testid="report-sessions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{rt('reports.sheet.date')}</Table.Th>
              <Table.Th scope="col">{rt('reports.sheet.status')}</Table.Th>
              <Table.Th scope="col">{rt('reports.sheet.attendance')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.sessions.map((s, i) => (
              <Table.Tr key={`${s.date}-${i}`}>
                <Table.Td>{date(s.date)}</Table.Td>
                <Table.Td>{rt(`sessions.status.${s.status}`, { defaultValue: s.status })}</Table.Td>
                <Table.Td>{s.attendance ? rt(`sessions.attendance.${s.attendance}`) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text>{rt('reports.sheet.none')}</Text>
      )}

      <Title order={2} size="h4" mt="lg" mb="xs">
        {rt('reports.sheet.attendanceSummary')}
      </Title>
      {counted.length ? (
        <Table withTableBorder verticalSpacing={4} w="auto" data-testid="report-attendance">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{rt('reports.sheet.attendance')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {rt('reports.sheet.count')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {counted.map((k) => (
              <Table.Tr key={k}>
                <Table.Th scope="row" fw={400}>
                  {rt(`sessions.attendance.${k}`)}
                </Table.Th>
                <Table.Td ta="right">{c.attendance[k]}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text>{rt('reports.sheet.noAttendance')}</Text>
      )}

      <Title order={2} size="h4" mt="lg" mb="xs">
        {rt('reports.sheet.engagement')}
      </Title>
      <Text fw={600} data-testid="report-engagement">
        {rt(`reports.engagement.${c.engagement}`)}
      </Text>
      {c.engagementComment ? <Text className="pre-wrap">{c.engagementComment}</Text> : null}

      <Text mt="lg">{rt('reports.sheet.workerLine', { name: c.worker })}</Text>
      <Text size="sm" c="gray.7" mt="xl" className="report-footer">
        {rt('reports.sheet.footer')}
      </Text>
    </article>
  )
}

export function ReportPrintPage() {
  const { t } = useTranslation()
  const { id = '', reportId = '' } = useParams()
  const reports = useReports(id)
  const report = reports.data?.items.find((r) => r.id === reportId)

  useEffect(() => {
    if (report) document.title = `${t('reports.pageTitle', { code: report.content.caseCode })} · ${t('app.name')}`
  }, [report, t])

  if (reports.isPending) return <Loading />
  if (reports.data && !report) return <NotFoundPage />
  return (
    <Stack gap="lg" maw={860}>
      <Group justify="space-between" className="no-print" wrap="wrap">
        <Anchor component={Link} to={`/accompaniments/${encodeURIComponent(id)}`}>
          <Group gap={4} component="span">
            <IconArrowLeft size={16} aria-hidden />
            {t('reports.backToCase')}
          </Group>
        </Anchor>
        {report ? (
          <Group gap="sm">
            <Button
              variant="default"
              component="a"
              href={reportPdfUrl(id, report.id)}
              download
              leftSection={<IconFileTypePdf size={18} aria-hidden />}
            >
              {t('reports.pdf')}
            </Button>
            <Button leftSection={<IconPrinter size={18} aria-hidden />} onClick={() => window.print()} data-testid="report-print">
              {t('reports.print')}
            </Button>
          </Group>
        ) : null}
      </Group>
      <ErrorAlert error={reports.error} />
      {report ? <Sheet report={report} /> : null}
    </Stack>
  )
}
