import { Button, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ERASURE_REFUSAL_REASONS, type ErasureRefusalReason, type ErasureView } from '../../../../common/contracts/erasures.contracts'
import { api } from '../../api/client'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { useFormat } from '../../i18n/format'

/**
 * Erasures proposed by a DPO that the caller may confirm or refuse (the second person: the lead
 * of the person's case team, or another DPO). On the DPO's erasures page and the lead's
 * dashboard; nothing at all when none waits, unless `always`.
 */
export function AwaitingErasuresPanel({ always = false }: { always?: boolean }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const awaiting = useQuery({
    queryKey: ['erasures', 'proposed'],
    queryFn: () => api.get('/api/erasures', { query: { state: 'proposed', limit: 100 } }),
  })
  const mine = (awaiting.data?.items ?? []).filter((e) => e.mayDecide)
  const [deciding, setDeciding] = useState<{ view: ErasureView; confirm: boolean } | null>(null)
  if (awaiting.error) return <ErrorAlert error={awaiting.error} />
  if (!always && mine.length === 0) return null
  return (
    <Paper component="section" aria-labelledby="erasures-awaiting-title" data-testid="erasures-awaiting" withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4" id="erasures-awaiting-title">
          {t('erasure.awaitingTitle', { count: mine.length })}
        </Title>
        <Text size="sm">{t('erasure.awaitingHelp')}</Text>
        {mine.length === 0 ? (
          <Text c="gray.7">{t('erasure.awaitingNone')}</Text>
        ) : (
          <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {mine.map((e) => (
              <li key={e.id} data-testid="erasure-awaiting-item">
                <Group justify="space-between" wrap="wrap" gap="sm">
                  <Text>
                    {t('erasure.awaitingLine', {
                      person: e.personCode,
                      cases: e.caseCodes.join(', ') || '—',
                      by: e.proposedBy.displayName,
                      at: fmt.dateTimeShort(e.proposedAt),
                    })}
                  </Text>
                  <Group gap="xs">
                    <Button
                      color="red"
                      size="sm"
                      onClick={() => setDeciding({ view: e, confirm: true })}
                      aria-label={t('erasure.confirmFor', { person: e.personCode })}
                      data-testid="erasure-confirm"
                    >
                      {t('erasure.confirm')}
                    </Button>
                    <Button
                      variant="default"
                      size="sm"
                      onClick={() => setDeciding({ view: e, confirm: false })}
                      aria-label={t('erasure.refuseFor', { person: e.personCode })}
                      data-testid="erasure-refuse"
                    >
                      {t('erasure.refuse')}
                    </Button>
                  </Group>
                </Group>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
      {deciding ? <DecideDialog view={deciding.view} confirm={deciding.confirm} onClose={() => setDeciding(null)} /> : null}
    </Paper>
  )
}

function DecideDialog({ view, confirm, onClose }: { view: ErasureView; confirm: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [reason, setReason] = useState<ErasureRefusalReason | null>(null)
  const [missing, setMissing] = useState(false)
  const decide = useMutation({
    mutationFn: (ground: ErasureRefusalReason | null) =>
      confirm || !ground
        ? api.post('/api/erasures/{id}/confirm', { path: { id: view.id }, ifMatch: view.version })
        : api.post('/api/erasures/{id}/refuse', { path: { id: view.id }, ifMatch: view.version, body: { reason: ground } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries()
      onClose()
    },
  })
  return (
    <AppModal opened onClose={onClose} title={confirm ? t('erasure.confirmTitle') : t('erasure.refuseTitle')}>
      <Stack>
        <Text fw={600}>{t('erasure.subject', { person: view.personCode, cases: view.caseCodes.join(', ') || '—' })}</Text>
        {confirm ? (
          <>
            <Text>{t('erasure.irreversible')}</Text>
            <Text>{t('erasure.remains')}</Text>
          </>
        ) : (
          <>
            <Text>{t('erasure.refuseHelp')}</Text>
            <Radio.Group
              label={t('erasure.refusalReason')}
              required
              value={reason}
              onChange={(v) => {
                setReason(v as ErasureRefusalReason)
                setMissing(false)
              }}
              error={missing ? t('erasure.refusalReasonMissing') : undefined}
            >
              <Stack gap="xs" mt="xs">
                {ERASURE_REFUSAL_REASONS.map((r) => (
                  <Radio key={r} value={r} label={t(`erasure.refusalReasons.${r}`)} />
                ))}
              </Stack>
            </Radio.Group>
          </>
        )}
        <ErrorAlert error={decide.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button
            color={confirm ? 'red' : undefined}
            loading={decide.isPending}
            onClick={() => {
              // Refusing without a ground is caught here, next to the choice, not as a 400 from the server.
              if (!confirm && !reason) setMissing(true)
              else decide.mutate(confirm ? null : reason)
            }}
            data-testid="erasure-decide"
          >
            {confirm ? t('erasure.confirmNow') : t('erasure.refuse')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  )
}
