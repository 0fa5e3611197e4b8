import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api, isApiError } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'

const MIN = 15

/**
 * A case the user may not see answers "not found". If they need it anyway (an emergency, a
 * colleague absent), they may open it stating why: time-limited, recorded, shown to the lead and DPO.
 */
export function BreakGlassPanel({ id }: { id: string }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [reason, setReason] = useState('')
  const [local, setLocal] = useState<FieldIssue[]>([])
  const breakGlass = useMutation({
    mutationFn: () => api.post('/api/accompaniments/{id}/break-glass', { path: { id }, body: { reason: reason.trim() } }),
    onSuccess: (view) => {
      queryClient.setQueryData(['accompaniments', id], view)
      void queryClient.invalidateQueries({ queryKey: ['accompaniments'] })
    },
  })
  const fields = useFieldErrors(breakGlass.error, local)
  // Access came meanwhile (assigned to the case, or a grant from another tab): no glass to break,
  // the case only needs to be loaded again.
  const already = isApiError(breakGlass.error, 'access.already_granted')
  const reload = () => void queryClient.invalidateQueries({ queryKey: ['accompaniments', id] })

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues: FieldIssue[] = reason.trim().length < MIN ? [{ field: 'reason', code: 'too_small', message: 'reason_too_short' }] : []
    setLocal(issues)
    if (issues.length === 0) breakGlass.mutate()
  }

  return (
    <Paper component="section" aria-labelledby="break-glass-title" maw={640}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h4" id="break-glass-title">
            {t('breakGlass.title')}
          </Title>
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
            <Stack gap={4}>
              <Text size="sm">{t('breakGlass.intro')}</Text>
              <Text size="sm" fw={600}>
                {t('breakGlass.recorded')}
              </Text>
            </Stack>
          </Alert>
          <div className="live-region" aria-live="assertive">
            <ErrorAlert error={fields.any ? null : breakGlass.error} />
          </div>
          {already ? (
            <Group>
              <Button variant="light" onClick={reload} data-testid="break-glass-reload">
                {t('lifecycle.reload')}
              </Button>
            </Group>
          ) : null}
          <Textarea
            label={t('breakGlass.reason')}
            description={t('breakGlass.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fields.of('reason')}
            required
            autosize
            minRows={3}
            maxLength={1000}
          />
          <Group>
            <Button type="submit" color="red" data-testid="break-glass" loading={breakGlass.isPending}>
              {t('breakGlass.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
