import { Radio, Group, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core'
import type { AccompanimentView } from '../../api/types'
import { useTranslation } from 'react-i18next'
import { AUTHORITY_KINDS, MEASURES, type AuthorityKind, type Measure } from './vocabulary'
import { DateField } from '../../components/date-field'

export interface FrameworkValues {
  framework: 'voluntary' | 'judicial'
  measure: Measure | null
  authorityKind: AuthorityKind | null
  authority: string
  conditions: string
  reporting: string
  mandateStart: string
  mandateEnd: string
  /** Months between reports, as a string for the input ('' = no fixed rhythm). */
  reportEveryMonths: string
}

export const EMPTY_FRAMEWORK: FrameworkValues = {
  framework: 'voluntary',
  measure: null,
  authorityKind: null,
  authority: '',
  conditions: '',
  reporting: '',
  mandateStart: '',
  mandateEnd: '',
  reportEveryMonths: '',
}

/** Voluntary, or under a judicial mandate with its measure, authority, conditions and dates. */
export function FrameworkFields({
  value,
  onChange,
  error,
}: {
  value: FrameworkValues
  onChange: (v: FrameworkValues) => void
  error: (field: string) => string | undefined
}) {
  const { t } = useTranslation()
  const set = <K extends keyof FrameworkValues>(k: K, v: FrameworkValues[K]) => onChange({ ...value, [k]: v })
  return (
    <Stack gap="md">
      <Radio.Group
        label={t('accompaniment.frameworkLabel')}
        value={value.framework}
        onChange={(v) => set('framework', v as FrameworkValues['framework'])}
        required
      >
        <Group mt="xs" gap="lg">
          <Radio value="voluntary" label={t('accompaniment.framework.voluntary')} required />
          <Radio value="judicial" label={t('accompaniment.framework.judicial')} required />
        </Group>
      </Radio.Group>
      {value.framework === 'judicial' ? (
        <Stack gap="md" pl="md" style={{ borderLeft: '3px solid var(--mantine-color-petrol-2)' }}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label={t('accompaniment.measureLabel')}
              data={MEASURES.map((m) => ({ value: m, label: t(`accompaniment.measure.${m}`) }))}
              value={value.measure}
              onChange={(v) => set('measure', v as Measure | null)}
              error={error('framework.measure')}
              required
            />
            <Select
              label={t('accompaniment.authorityKindLabel')}
              data={AUTHORITY_KINDS.map((m) => ({ value: m, label: t(`accompaniment.authorityKind.${m}`) }))}
              value={value.authorityKind}
              onChange={(v) => set('authorityKind', v as AuthorityKind | null)}
              error={error('framework.authorityKind')}
              clearable
            />
          </SimpleGrid>
          <TextInput
            label={t('accompaniment.authority')}
            description={t('caseCreate.authorityHint')}
            value={value.authority}
            onChange={(e) => set('authority', e.currentTarget.value)}
            error={error('framework.authority')}
            maxLength={300}
          />
          <Textarea
            label={t('accompaniment.conditions')}
            value={value.conditions}
            onChange={(e) => set('conditions', e.currentTarget.value)}
            error={error('framework.conditions')}
            autosize
            minRows={2}
            maxLength={4000}
          />
          <Textarea
            label={t('accompaniment.reporting')}
            description={t('caseCreate.reportingHint')}
            value={value.reporting}
            onChange={(e) => set('reporting', e.currentTarget.value)}
            error={error('framework.reporting')}
            autosize
            minRows={2}
            maxLength={2000}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <DateField
              label={t('caseCreate.mandateStart')}
              value={value.mandateStart}
              onChange={(v) => set('mandateStart', v)}
              error={error('framework.mandateStart')}
            />
            <DateField
              label={t('caseCreate.mandateEnd')}
              value={value.mandateEnd}
              onChange={(v) => set('mandateEnd', v)}
              error={error('framework.mandateEnd')}
            />
          </SimpleGrid>
          <Select
            label={t('caseDetails.reportEvery')}
            description={t('caseDetails.reportEveryHint')}
            data={['1', '2', '3', '4', '6', '12'].map((m) => ({ value: m, label: t('caseDetails.everyMonths', { count: Number(m) }) }))}
            value={value.reportEveryMonths || null}
            onChange={(v) => set('reportEveryMonths', v ?? '')}
            error={error('framework.reportEveryMonths')}
            clearable
            maw={320}
          />
        </Stack>
      ) : null}
    </Stack>
  )
}

/** The form values of a case's current framework, for editing it. */
export function frameworkValuesOf(a: AccompanimentView): FrameworkValues {
  const j = a.judicial
  return {
    framework: a.framework,
    measure: j.measure,
    authorityKind: j.authorityKind,
    authority: j.authority ?? '',
    conditions: j.conditions ?? '',
    reporting: j.reporting ?? '',
    mandateStart: j.mandateStart ?? '',
    mandateEnd: j.mandateEnd ?? '',
    reportEveryMonths: j.reportEveryMonths ? String(j.reportEveryMonths) : '',
  }
}

/** The framework as the API expects it: judicial details only for a judicial case. */
export function frameworkBody(f: FrameworkValues) {
  const judicial = f.framework === 'judicial'
  const text = (s: string) => (judicial && s.trim() ? s.trim() : null)
  return {
    framework: f.framework,
    measure: judicial ? f.measure : null,
    authorityKind: judicial ? f.authorityKind : null,
    authority: text(f.authority),
    conditions: text(f.conditions),
    reporting: text(f.reporting),
    mandateStart: judicial && f.mandateStart ? f.mandateStart : null,
    mandateEnd: judicial && f.mandateEnd ? f.mandateEnd : null,
    reportEveryMonths: judicial && f.reportEveryMonths ? Number(f.reportEveryMonths) : null,
  }
}
