import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccompanimentView } from '../../api/types'
import { useFormat } from '../../i18n/format'

export function Field({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation()
  const empty = children === null || children === undefined || children === ''
  return (
    <div>
      <Text component="dt" size="sm" c="gray.7">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500} c={empty ? 'gray.7' : undefined} className="pre-wrap">
        {empty ? t('common.notProvided') : children}
      </Text>
    </div>
  )
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  )
}

/** Who the case is about, how it is framed, and who carries it. */
export function CaseDetails({ a }: { a: AccompanimentView }) {
  const { t } = useTranslation()
  const primary = a.workers.filter((w) => w.role === 'primary').map((w) => w.name)
  const co = a.workers.filter((w) => w.role === 'co').map((w) => w.name)
  return (
    <Section id="case-details" title={t('accompaniment.details')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="dl" m={0}>
        <Field label={t('accompaniment.kindLabel')}>{t(`accompaniment.kind.${a.kind}`)}</Field>
        {a.kind === 'concerned' ? null : (
          <>
            <Field label={t('accompaniment.relationshipLabel')}>
              {a.relationship ? t(`accompaniment.relationship.${a.relationship}`) : null}
            </Field>
            <Field label={t('accompaniment.concernedStatusLabel')}>{t(`accompaniment.concernedStatus.${a.concernedStatus}`)}</Field>
          </>
        )}
        <Field label={t('accompaniment.frameworkLabel')}>{t(`accompaniment.framework.${a.framework}`)}</Field>
        <Field label={t('accompaniment.primaryWorker')}>{primary.join(', ') || t('accompaniment.unassigned')}</Field>
        <Field label={t('accompaniment.coWorkers')}>{co.join(', ')}</Field>
        {a.closureOutcome ? <Field label={t('accompaniment.closureOutcome')}>{t(`lifecycle.outcome.${a.closureOutcome}`)}</Field> : null}
        {a.closureReason ? <Field label={t('accompaniment.closureReason')}>{a.closureReason}</Field> : null}
      </SimpleGrid>
      <Stack gap={4} mt="md" component="dl" m={0}>
        <Field label={t('accompaniment.summary')}>{a.summary}</Field>
      </Stack>
    </Section>
  )
}

/** The judicial mandate: what was ordered, by whom, and what must be reported. */
export function JudicialBlock({ a }: { a: AccompanimentView }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const j = a.judicial
  return (
    <Section id="case-judicial" title={t('accompaniment.judicialTitle')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="dl" m={0}>
        <Field label={t('accompaniment.measureLabel')}>{j.measure ? t(`accompaniment.measure.${j.measure}`) : null}</Field>
        <Field label={t('accompaniment.authorityKindLabel')}>
          {j.authorityKind ? t(`accompaniment.authorityKind.${j.authorityKind}`) : null}
        </Field>
        <Field label={t('accompaniment.authority')}>{j.authority}</Field>
        <Field label={t('accompaniment.mandate')}>
          {j.mandateStart || j.mandateEnd
            ? t('accompaniment.mandatePeriod', { from: fmt.date(j.mandateStart) || '…', to: fmt.date(j.mandateEnd) || '…' })
            : null}
        </Field>
        <Field label={t('accompaniment.conditions')}>{j.conditions}</Field>
        <Field label={t('accompaniment.reporting')}>{j.reporting}</Field>
        <Field label={t('caseDetails.reportEvery')}>
          {j.reportEveryMonths ? t('caseDetails.everyMonths', { count: j.reportEveryMonths }) : null}
        </Field>
      </SimpleGrid>
    </Section>
  )
}
