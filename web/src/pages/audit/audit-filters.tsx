import { Button, Group, SimpleGrid, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'

export interface AuditFilterValues {
  personId: string
  actorId: string
  action: string
  from: string
  to: string
}
export const NO_FILTERS: AuditFilterValues = { personId: '', actorId: '', action: '', from: '', to: '' }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function AuditFilters({
  initial,
  onApply,
  serverError,
}: {
  initial: AuditFilterValues
  onApply: (f: AuditFilterValues) => void
  serverError: unknown
}) {
  const { t } = useTranslation()
  const [f, setF] = useState(initial)
  const [local, setLocal] = useState<FieldIssue[]>([])
  const fields = useFieldErrors(serverError, local)
  const set = (k: keyof AuditFilterValues) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value
    setF((prev) => ({ ...prev, [k]: value }))
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const trimmed = { ...f, personId: f.personId.trim(), actorId: f.actorId.trim(), action: f.action.trim() }
    const issues: FieldIssue[] = []
    if (trimmed.personId && !UUID.test(trimmed.personId)) issues.push({ field: 'personId', code: 'invalid_uuid' })
    if (trimmed.actorId && !UUID.test(trimmed.actorId)) issues.push({ field: 'actorId', code: 'invalid_uuid' })
    if (trimmed.from && trimmed.to && trimmed.from > trimmed.to) issues.push({ field: 'to', code: 'date_order' })
    setLocal(issues)
    if (issues.length === 0) onApply(trimmed)
  }
  const reset = () => {
    setF(NO_FILTERS)
    setLocal([])
    onApply(NO_FILTERS)
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t('audit.filters')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        <TextInput
          label={t('audit.personId')}
          value={f.personId}
          onChange={set('personId')}
          error={fields.of('personId')}
          classNames={{ input: 'mono' }}
          maxLength={36}
          autoComplete="off"
        />
        <TextInput
          label={t('audit.actorId')}
          value={f.actorId}
          onChange={set('actorId')}
          error={fields.of('actorId')}
          classNames={{ input: 'mono' }}
          maxLength={36}
          autoComplete="off"
        />
        <TextInput
          label={t('audit.action')}
          description={t('audit.actionHint')}
          value={f.action}
          onChange={set('action')}
          error={fields.of('action')}
          maxLength={80}
          autoComplete="off"
        />
        <TextInput type="date" label={t('audit.from')} value={f.from} onChange={set('from')} error={fields.of('from')} />
        <TextInput type="date" label={t('audit.to')} value={f.to} onChange={set('to')} error={fields.of('to')} />
      </SimpleGrid>
      <Group mt="md" gap="sm">
        <Button type="submit">{t('audit.apply')}</Button>
        <Button variant="default" onClick={reset}>
          {t('audit.reset')}
        </Button>
      </Group>
    </form>
  )
}
