import '../../components/stacked-table/stacked-table.css'
import { useMedia } from '../../components/use-media'
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RestrictionView } from '../../../../common/contracts/restrictions.contracts'
import { api } from '../../api/client'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { PageHeader } from '../../components/page-header'
import { useFormat } from '../../i18n/format'
import { RestrictedBanner } from './restricted-banner'

/**
 * The DPO's restriction of processing (art. 18): a person is found by their code (never by name),
 * then restricted or lifted with a reason, which only the DPO reads again.
 */
export function RestrictionsPage() {
  const { t } = useTranslation()
  const [code, setCode] = useState('')
  const [view, setView] = useState<RestrictionView | null>(null)
  const lookup = useMutation({
    mutationFn: (c: string) => api.post('/api/restrictions/lookup', { body: { code: c } }),
    onSuccess: setView,
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (code.trim()) lookup.mutate(code.trim())
  }
  return (
    <Stack gap="lg" maw={960}>
      <PageHeader title={t('restriction.title')} description={t('restriction.intro')} />
      <Paper component="form" onSubmit={submit} aria-labelledby="restriction-find">
        <Title order={2} size="h4" id="restriction-find" mb="sm">
          {t('restriction.find')}
        </Title>
        <Group align="end">
          <TextInput
            label={t('restriction.codeLabel')}
            description={t('restriction.codeHelp')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            className="mono"
            data-testid="restriction-code"
          />
          <Button type="submit" loading={lookup.isPending}>
            {t('restriction.open')}
          </Button>
        </Group>
        <div aria-live="polite">
          <ErrorAlert error={lookup.error} />
        </div>
      </Paper>
      {view ? <Record view={view} onChange={setView} /> : null}
    </Stack>
  )
}

function Record({ view, onChange }: { view: RestrictionView; onChange: (v: RestrictionView) => void }) {
  const { t } = useTranslation()
  const phone = useMedia('(max-width: 62em)')
  const fmt = useFormat()
  const [open, setOpen] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  const opener = useRef<HTMLButtonElement>(null)
  return (
    <Paper component="section" aria-labelledby="restriction-record" data-testid="restriction-record">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h4" id="restriction-record">
            {t('restriction.recordOf')}{' '}
            <Badge component="span" variant="light" radius="sm" className="mono" size="lg">
              {view.code}
            </Badge>
          </Title>
          <Badge color={view.restricted ? 'orange' : 'gray'} variant="light" data-testid="restriction-state">
            {view.restricted ? t('restriction.state.restricted') : t('restriction.state.normal')}
          </Badge>
        </Group>
        <RestrictedBanner restricted={view.restricted} />
        <div aria-live="polite" role="status">
          {done ? (
            <Alert color="green" variant="light">
              {done}
            </Alert>
          ) : null}
        </div>
        <Group>
          <Button
            ref={opener}
            onClick={() => setOpen(true)}
            color={view.restricted ? undefined : 'orange'}
            data-testid="restriction-action"
          >
            {view.restricted ? t('restriction.lift') : t('restriction.restrict')}
          </Button>
        </Group>
        {view.history.length ? (
          <Table striped aria-label={t('restriction.history')} className={phone ? 'stacked-table' : undefined}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('restriction.col.since')}</Table.Th>
                <Table.Th scope="col">{t('restriction.col.reason')}</Table.Th>
                <Table.Th scope="col">{t('restriction.col.lifted')}</Table.Th>
                <Table.Th scope="col">{t('restriction.col.liftReason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.history.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td data-label={t('restriction.col.since')}>{fmt.day(h.restrictedAt)}</Table.Td>
                  <Table.Td data-label={t('restriction.col.reason')}>{h.reason}</Table.Td>
                  <Table.Td data-label={t('restriction.col.lifted')}>
                    {h.liftedAt ? fmt.day(h.liftedAt) : t('restriction.inForce')}
                  </Table.Td>
                  <Table.Td data-label={t('restriction.col.liftReason')}>{h.liftReason ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text c="gray.7">{t('restriction.none')}</Text>
        )}
      </Stack>
      <ReasonDialog
        view={view}
        opened={open}
        onClose={() => {
          setOpen(false)
          opener.current?.focus()
        }}
        onDone={(v) => {
          setDone(v.restricted ? t('restriction.restricted') : t('restriction.lifted'))
          onChange(v)
          setOpen(false)
          opener.current?.focus()
        }}
      />
    </Paper>
  )
}

function ReasonDialog({
  view,
  opened,
  onClose,
  onDone,
}: {
  view: RestrictionView
  opened: boolean
  onClose: () => void
  onDone: (v: RestrictionView) => void
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [reason, setReason] = useState('')
  const [tooShort, setTooShort] = useState(false)
  const lifting = view.restricted
  const save = useMutation({
    mutationFn: () =>
      lifting
        ? api.post('/api/persons/{id}/restriction/lift', { path: { id: view.personId }, body: { reason }, ifMatch: view.version })
        : api.post('/api/persons/{id}/restriction', { path: { id: view.personId }, body: { reason }, ifMatch: view.version }),
    onSuccess: (v) => {
      setReason('')
      void queryClient.invalidateQueries()
      onDone(v)
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (reason.trim().length < 3) return setTooShort(true)
    setTooShort(false)
    save.mutate()
  }
  return (
    <AppModal opened={opened} onClose={onClose} title={lifting ? t('restriction.liftTitle') : t('restriction.restrictTitle')}>
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">{lifting ? t('restriction.liftHelp') : t('restriction.restrictHelp')}</Text>
          <Textarea
            label={t('restriction.reason')}
            description={t('restriction.reasonHelp')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={tooShort ? t('restriction.reasonRequired') : undefined}
            autosize
            minRows={3}
            required
            data-autofocus
            data-testid="restriction-reason"
          />
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="restriction-confirm">
              {lifting ? t('restriction.lift') : t('restriction.restrict')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  )
}
