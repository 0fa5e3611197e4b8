import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccompanimentView } from '../../../../common/contracts/accompaniments.contracts'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import { AssessmentEditor } from './assessment-editor'
import { type AssessmentSummary, type InstrumentView, useAssessments, useInstruments, useLabel } from './use-assessments'

/**
 * The instruments a worker fills in with the person (motivations, protective factors, capitals,
 * progress reviews, impact of violence): the answer sets of each, and a form driven by the
 * instrument's definition.
 */
export function AssessmentsPanel({ a, canWrite }: { a: AccompanimentView; canWrite: boolean }) {
  const { t } = useTranslation()
  const instruments = useInstruments()
  const assessments = useAssessments(a.id)
  const [editing, setEditing] = useState<{ instrument: InstrumentView; assessmentId: string | null } | null>(null)
  const [saved, setSaved] = useState(false)
  const writable = canWrite && a.status !== 'closed' && a.access !== 'emergency'

  if (editing) {
    return (
      <AssessmentEditor
        a={a}
        instrument={editing.instrument}
        assessmentId={editing.assessmentId}
        writable={writable}
        onClose={(done) => {
          setSaved(done)
          setEditing(null)
        }}
      />
    )
  }
  const error = instruments.error ?? assessments.error
  if (error) return <ErrorAlert error={error} />
  if (!instruments.data || !assessments.data) return <Loading />
  const byInstrument = new Map<string, AssessmentSummary[]>()
  for (const s of assessments.data.items) byInstrument.set(s.instrument, [...(byInstrument.get(s.instrument) ?? []), s])
  const forCases = instruments.data.items.filter((i) => i.purpose === 'case')
  const offered = forCases.filter((i) => i.clientKinds.includes(a.kind))
  const shown = forCases.filter((i) => i.clientKinds.includes(a.kind) || byInstrument.has(i.code))

  return (
    <Stack gap="lg" data-testid="assessments-panel">
      <Text c="gray.7" maw={760}>
        {t('instruments.intro')}
      </Text>
      <div role="status">
        {saved ? (
          <Text c="green.9" fw={500}>
            {t('instruments.saved')}
          </Text>
        ) : null}
      </div>
      {/*
        Instruments made for contacts (the triage grid) are answered at the line, not on a case.
        A case offers its kind's instruments; one no longer offered stays listed while it has sets.
      */}
      {offered.length === 0 ? (
        <Text size="sm" c="gray.7" data-testid="no-instrument-for-kind">
          {t('instrumentKinds.noneForKind', { kind: t(`accompaniment.kind.${a.kind}`) })}
        </Text>
      ) : null}
      {shown.map((instrument) => (
        <InstrumentSection
          key={instrument.code}
          instrument={instrument}
          sets={byInstrument.get(instrument.code) ?? []}
          writable={writable && instrument.clientKinds.includes(a.kind)}
          onOpen={(assessmentId) => {
            setSaved(false)
            setEditing({ instrument, assessmentId })
          }}
        />
      ))}
    </Stack>
  )
}

function InstrumentSection({
  instrument,
  sets,
  writable,
  onOpen,
}: {
  instrument: InstrumentView
  sets: AssessmentSummary[]
  writable: boolean
  onOpen: (assessmentId: string | null) => void
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const label = useLabel()
  const title = label(instrument.latest.definition.title)
  const headingId = `instrument-${instrument.code}`
  return (
    <Paper component="section" withBorder radius="md" p="md" aria-labelledby={headingId} data-testid={`instrument-${instrument.code}`}>
      <Group justify="space-between" align="flex-start" mb="sm">
        <Stack gap={2}>
          <Title order={3} size="h4" id={headingId}>
            {title}
          </Title>
          {instrument.latest.definition.description ? (
            <Text size="sm" c="gray.7" maw={680}>
              {label(instrument.latest.definition.description)}
            </Text>
          ) : null}
        </Stack>
        {writable ? (
          <Button
            size="sm"
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => onOpen(null)}
            aria-label={t('instruments.newOne', { title })}
            data-testid={`new-${instrument.code}`}
          >
            {t('instruments.new')}
          </Button>
        ) : null}
      </Group>
      {sets.length ? (
        <ScrollTable label={t('instruments.tableLabel', { title })}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('instruments.takenOn')}</Table.Th>
                <Table.Th scope="col">{t('instruments.by')}</Table.Th>
                <Table.Th scope="col">{t('instruments.version')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sets.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{fmt.day(s.takenOn)}</Table.Td>
                  <Table.Td>{s.createdByName}</Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <span>{fmt.day(instrument.versions.find((v) => v.version === s.instrumentVersion)?.createdAt)}</span>
                      {s.instrumentVersion < s.latestVersion ? (
                        <Badge variant="light" color="gray" size="sm">
                          {t('instruments.olderBadge')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => onOpen(s.id)}
                      aria-label={t('instruments.openOne', { date: fmt.date(s.takenOn), title })}
                    >
                      {t('instruments.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : (
        <Text size="sm" c="gray.7">
          {t('instruments.empty')}
        </Text>
      )}
    </Paper>
  )
}
