import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { IconEye, IconUserSearch } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditKind } from '../../../../common/audit-actions'
import { isBroadNameQuery } from '../../../../common/person-search'
import { AUDIT_KINDS } from '../../../../common/vocabulary'
import { PERSON_NAME_MAX } from '../../../../common/contracts/audit.contracts'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { actionChoices, actorLabel, isKindOf, normalisePersonCode, type AuditActor } from './audit-vocabulary'
import { DateField } from '../../components/date-field'

export interface AuditFilterValues {
  personCode: string
  /** First and last name: sent in a POST body, kept in this page's memory only. */
  personName: string
  actorId: string
  kind: AuditKind | ''
  action: string
  from: string
  to: string
}
export const NO_FILTERS: AuditFilterValues = { personCode: '', personName: '', actorId: '', kind: '', action: '', from: '', to: '' }

/** The questions' labels are long in German: on a phone they wrap instead of being cut. */
const QUESTION_STYLES = {
  root: { height: 'auto', minHeight: 'var(--button-height)', paddingBlock: 6 },
  label: { whiteSpace: 'normal', textAlign: 'start', lineHeight: 1.3 },
} as const

type Own = Partial<Record<'personCode' | 'personName' | 'actorId', string>>

/**
 * The DPO's filters, and the two questions they ask most: "who read this person" (the person's
 * code or first and last name, reads only) and "what did this user read" (the user, reads only). Dates are kept.
 */
export function AuditFilters({
  initial,
  actors,
  onApply,
  serverError,
}: {
  initial: AuditFilterValues
  actors: AuditActor[]
  onApply: (f: AuditFilterValues) => void
  serverError: unknown
}) {
  const { t } = useTranslation()
  const [f, setF] = useState(initial)
  const [local, setLocal] = useState<FieldIssue[]>([])
  const [own, setOwn] = useState<Own>({})
  const fields = useFieldErrors(serverError, local, 'auditReadable.errors')
  const set = (patch: Partial<AuditFilterValues>) => setF((prev) => ({ ...prev, ...patch }))
  const text = (k: 'personCode' | 'personName' | 'from' | 'to') => (e: React.ChangeEvent<HTMLInputElement>) =>
    set({ [k]: e.currentTarget.value })

  /** Checks what the form can check itself; the values to send, or null. */
  const checked = (values: AuditFilterValues, required?: keyof Own): AuditFilterValues | null => {
    const errors: Own = {}
    const code = values.personCode.trim()
    const name = values.personName.trim().replace(/\s+/g, ' ')
    if (code && !normalisePersonCode(code)) errors.personCode = t('audit.invalidPersonCode')
    // The server's rules, checked here first: one name alone designates a family, not a person.
    if (name && code) errors.personName = t('auditReadable.errors.name_or_code')
    else if (name && !/\p{L}/u.test(name)) errors.personName = t('auditReadable.errors.not_a_name')
    else if (name && isBroadNameQuery(name)) errors.personName = t('auditReadable.errors.first_and_last_name')
    if (required === 'personCode' && !code && !name) errors.personCode = t('auditReadable.needPersonOrName')
    if (required === 'actorId' && !values.actorId) errors.actorId = t('audit.questions.needActor')
    const issues: FieldIssue[] = values.from && values.to && values.from > values.to ? [{ field: 'to', code: 'date_order' }] : []
    setOwn(errors)
    setLocal(issues)
    return Object.keys(errors).length || issues.length ? null : { ...values, personCode: code, personName: name }
  }
  const apply = (values: AuditFilterValues, required?: keyof Own) => {
    const ok = checked(values, required)
    if (!ok) return
    setF(ok)
    onApply(ok)
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    apply(f)
  }
  const reset = () => {
    setF(NO_FILTERS)
    setLocal([])
    setOwn({})
    onApply(NO_FILTERS)
  }
  const whoRead = () =>
    apply({ ...NO_FILTERS, personCode: f.personCode, personName: f.personName, kind: 'read', from: f.from, to: f.to }, 'personCode')
  const whatRead = () => apply({ ...NO_FILTERS, actorId: f.actorId, kind: 'read', from: f.from, to: f.to }, 'actorId')

  return (
    <form onSubmit={submit} noValidate aria-label={t('audit.filters')}>
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          <TextInput
            label={t('audit.personCode')}
            description={t('audit.personCodeHint')}
            value={f.personCode}
            onChange={text('personCode')}
            error={own.personCode ?? fields.of('personCode')}
            classNames={{ input: 'mono' }}
            maxLength={14}
            autoComplete="off"
            spellCheck={false}
            data-testid="audit-person-code"
          />
          <TextInput
            label={t('auditReadable.personName')}
            description={t('auditReadable.personNameHint')}
            value={f.personName}
            onChange={text('personName')}
            error={own.personName ?? fields.of('personName')}
            maxLength={PERSON_NAME_MAX}
            autoComplete="off"
            spellCheck={false}
            data-testid="audit-person-name"
          />
          <Select
            label={t('audit.actor')}
            placeholder={t('audit.actorAll')}
            data={actors.map((a) => ({ value: a.id, label: actorLabel(t, a) }))}
            value={f.actorId || null}
            onChange={(v) => set({ actorId: v ?? '' })}
            error={own.actorId ?? fields.of('actorId')}
            searchable
            clearable
            data-testid="audit-actor"
          />
          <Select
            label={t('audit.kind')}
            placeholder={t('audit.kindAll')}
            data={AUDIT_KINDS.map((k) => ({ value: k, label: t(`audit.kinds.${k}`) }))}
            value={f.kind || null}
            onChange={(v) => {
              const kind = (v ?? '') as AuditKind | ''
              set({ kind, action: isKindOf(f.action, kind) ? f.action : '' })
            }}
            error={fields.of('kind')}
            clearable
            data-testid="audit-kind"
          />
          <Select
            label={t('audit.action')}
            placeholder={t('audit.actionAll')}
            data={actionChoices(t, f.kind)}
            value={f.action || null}
            onChange={(v) => set({ action: v ?? '' })}
            error={fields.of('action')}
            searchable
            clearable
            data-testid="audit-action"
          />
          <DateField label={t('audit.from')} value={f.from} onChange={(v) => set({ from: v })} error={fields.of('from')} />
          <DateField label={t('audit.to')} value={f.to} onChange={(v) => set({ to: v })} error={fields.of('to')} />
        </SimpleGrid>
        <Group gap="sm">
          <Button type="submit">{t('audit.apply')}</Button>
          <Button variant="default" onClick={reset}>
            {t('audit.reset')}
          </Button>
        </Group>
        <Stack gap="xs" component="section" aria-labelledby="audit-questions-title">
          <Title order={3} size="h5" id="audit-questions-title">
            {t('audit.questions.title')}
          </Title>
          <Text size="sm" c="gray.7">
            {t('audit.questions.intro')}
          </Text>
          <Group gap="sm">
            <Button
              variant="light"
              styles={QUESTION_STYLES}
              leftSection={<IconUserSearch size={18} aria-hidden />}
              onClick={whoRead}
              data-testid="audit-who-read"
            >
              {t('audit.questions.whoRead')}
            </Button>
            <Button
              variant="light"
              styles={QUESTION_STYLES}
              leftSection={<IconEye size={18} aria-hidden />}
              onClick={whatRead}
              data-testid="audit-what-read"
            >
              {t('audit.questions.whatRead')}
            </Button>
          </Group>
        </Stack>
      </Stack>
    </form>
  )
}
