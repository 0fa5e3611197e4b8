import { Alert, Button, Group, NativeSelect, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import {
  DPO_REQUEST_CHANNELS,
  DPO_REQUEST_IDENTITY_CHECKS,
  DPO_REQUEST_KINDS,
  DPO_REQUEST_REQUESTERS,
  type DpoRequestInput,
} from '../../../../common/contracts/dpo-requests.contracts'
import { parsePersonCode } from '../../../../common/person-search'
import { api } from '../../api/client'
import { DateField } from '../../components/date-field'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { serviceToday } from './dpo-request.dates'

type Form = Required<Omit<DpoRequestInput, 'details'>> & { details: string }

/**
 * Recording a request: the subject is found by code or by name through a POST (the name is in no
 * address and not kept); only the code found is shown and linked.
 */
export function RecordRequestForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const heading = useRef<HTMLHeadingElement>(null)
  const [form, setForm] = useState<Form>({
    kind: 'access',
    personId: null,
    requester: 'subject',
    channel: 'letter',
    identityCheck: 'id_document_seen',
    receivedOn: serviceToday(),
    details: '',
  })
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }))
  const [query, setQuery] = useState('')
  useEffect(() => heading.current?.focus(), [])

  const lookup = useMutation({
    mutationFn: (q: string) => {
      const code = parsePersonCode(q)
      return api.post('/api/dpo/person-lookup', { body: code ? { code: q } : { name: q } })
    },
    onSuccess: (r) => set('personId', r.persons.length === 1 ? r.persons[0]!.id : null),
  })
  const record = useMutation({
    mutationFn: () => api.post('/api/dpo/requests', { body: { ...form, details: form.details.trim() || null } }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ['dpo-requests'] })
      void navigate(`/dpo/requests/${r.id}`, { state: { recorded: true } })
    },
  })
  const errors = useFieldErrors(record.error, [], 'dpoRequests.errors')
  const lookupErrors = useFieldErrors(lookup.error, [], 'dpoRequests.errors')
  const found = lookup.data?.persons ?? []

  const select = <K extends 'kind' | 'requester' | 'channel' | 'identityCheck'>(
    key: K,
    values: readonly Form[K][],
    vocabulary: string,
    label: string,
    description?: string,
  ) => (
    <NativeSelect
      label={label}
      description={description}
      value={form[key]}
      onChange={(e) => set(key, e.currentTarget.value as Form[K])}
      data={values.map((v) => ({ value: v, label: t(`dpoRequests.${vocabulary}.${v}`) }))}
      error={errors.of(key)}
      required
    />
  )

  return (
    <Paper component="section" aria-labelledby="dpo-request-new" withBorder p="md" data-testid="dpo-request-form">
      <Stack gap="md" maw={860}>
        <Title order={2} size="h4" id="dpo-request-new" ref={heading} tabIndex={-1}>
          {t('dpoRequests.form.title')}
        </Title>
        {select('kind', DPO_REQUEST_KINDS, 'kinds', t('dpoRequests.form.kind'))}
        <Paper component="fieldset" withBorder p="sm" m={0}>
          <Text component="legend" fw={600} size="sm" px={4}>
            {t('dpoRequests.lookup.title')}
          </Text>
          <form
            onSubmit={(e) => {
              e.preventDefault()
              if (query.trim()) lookup.mutate(query.trim())
            }}
          >
            <Group align="end" wrap="wrap">
              <TextInput
                label={t('dpoRequests.lookup.label')}
                description={t('dpoRequests.lookup.hint')}
                value={query}
                onChange={(e) => setQuery(e.currentTarget.value)}
                autoComplete="off"
                error={lookupErrors.of('code') ?? lookupErrors.of('name')}
                data-testid="dpo-person-lookup"
                style={{ flex: '1 1 16rem' }}
              />
              <Button type="submit" variant="light" loading={lookup.isPending}>
                {t('dpoRequests.lookup.search')}
              </Button>
            </Group>
          </form>
          <div aria-live="polite">
            {lookup.error && !lookupErrors.any ? <ErrorAlert error={lookup.error} /> : null}
            {lookup.isSuccess && found.length === 0 ? (
              <Text size="sm" mt="sm" role="status">
                {t('dpoRequests.lookup.none')}
              </Text>
            ) : null}
            {found.length ? (
              <Radio.Group
                mt="sm"
                label={t('dpoRequests.lookup.results')}
                value={form.personId ?? ''}
                onChange={(v) => set('personId', v || null)}
                error={errors.of('personId')}
              >
                <Stack gap={6} mt={4}>
                  {found.map((p) => (
                    <Radio key={p.id} value={p.id} label={<span className="mono">{p.code}</span>} />
                  ))}
                  <Radio value="" label={t('dpoRequests.lookup.noPerson')} />
                </Stack>
              </Radio.Group>
            ) : null}
          </div>
        </Paper>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            record.mutate()
          }}
          noValidate
        >
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {select('requester', DPO_REQUEST_REQUESTERS, 'requesters', t('dpoRequests.form.requester'))}
              {select('channel', DPO_REQUEST_CHANNELS, 'channels', t('dpoRequests.form.channel'))}
            </SimpleGrid>
            {select(
              'identityCheck',
              DPO_REQUEST_IDENTITY_CHECKS,
              'identityChecks',
              t('dpoRequests.form.identityCheck'),
              t('dpoRequests.form.identityHint'),
            )}
            <DateField
              label={t('dpoRequests.form.receivedOn')}
              description={t('dpoRequests.form.receivedHint')}
              value={form.receivedOn}
              onChange={(v) => set('receivedOn', v)}
              required
              error={errors.of('receivedOn')}
            />
            <Textarea
              label={t('dpoRequests.form.details')}
              description={t('dpoRequests.form.detailsHint')}
              value={form.details}
              onChange={(e) => set('details', e.currentTarget.value)}
              autosize
              minRows={3}
              maxLength={10_000}
              error={errors.of('details')}
            />
            {form.personId ? (
              <Text size="sm" data-testid="dpo-person-chosen">
                {t('dpoRequests.lookup.chosen', { code: found.find((p) => p.id === form.personId)?.code ?? '' })}
              </Text>
            ) : null}
            <div className="live-region" aria-live="polite">
              {errors.any ? (
                <Alert color="red" variant="light" role="alert">
                  {t('dpoRequests.detail.fixFields')}
                </Alert>
              ) : record.error ? (
                <ErrorAlert error={record.error} />
              ) : null}
            </div>
            <Group>
              <Button type="submit" loading={record.isPending}>
                {t('dpoRequests.form.record')}
              </Button>
              <Button variant="subtle" onClick={onCancel}>
                {t('dpoRequests.form.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  )
}
