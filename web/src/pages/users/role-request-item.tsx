import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { RoleRequestView } from '../../../../common/contracts/users.contracts'
import { isApiError } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { useFormat } from '../../i18n/format'
import { useDecision } from './use-role-requests'
import { focusFirstError } from '../../components/focus-error'

type Mode = 'idle' | 'confirm' | 'refuse'

/**
 * One request: what it asks, what the user holds already, and the decision in place (a question
 * to confirm, a reason to refuse), with the keyboard taken to each step and back.
 */
export function RoleRequestItem({
  request: r,
  meId,
  onDecided,
}: {
  request: RoleRequestView
  meId?: string
  onDecided: (message: string) => void
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const [mode, setMode] = useState<Mode>('idle')
  const [reason, setReason] = useState('')
  const [local, setLocal] = useState<FieldIssue[]>([])
  const decision = useDecision()
  const fields = useFieldErrors(decision.error, local)
  const confirmRef = useRef<HTMLButtonElement>(null)
  const reasonRef = useRef<HTMLTextAreaElement>(null)
  const startConfirm = useRef<HTMLButtonElement>(null)
  const startRefuse = useRef<HTMLButtonElement>(null)
  const name = r.user.displayName
  const roleNames = (roles: readonly string[]) => roles.map((x) => t(`roles.${x}`)).join(', ')
  const teamNames = (teams: readonly { name: string }[]) => teams.map((x) => x.name).join(', ')

  useEffect(() => {
    if (mode === 'confirm') confirmRef.current?.focus()
    if (mode === 'refuse') reasonRef.current?.focus()
  }, [mode])

  const cancel = () => {
    const back = mode === 'confirm' ? startConfirm : startRefuse
    setMode('idle')
    setLocal([])
    decision.reset()
    requestAnimationFrame(() => back.current?.focus())
  }
  const refuse = (e: FormEvent) => {
    e.preventDefault()
    const issues: FieldIssue[] = reason.trim() ? [] : [{ field: 'reason', code: 'required' }]
    setLocal(issues)
    if (issues.length) focusFirstError(e.currentTarget as HTMLElement)
    if (issues.length === 0)
      decision.mutate({ request: r, reason: reason.trim() }, { onSuccess: () => onDecided(t('duties.requests.refused', { name })) })
  }
  const aboutMe = r.user.id === meId
  // Decided or changed by someone else meanwhile: the list is refreshed (useDecision), this says why.
  const stale = isApiError(decision.error, 'state.invalid_transition') || isApiError(decision.error, 'version.mismatch')

  return (
    <Paper component="li" withBorder p="sm" data-testid="role-request">
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>{name}</Text>
          <Text size="sm" c="gray.7" className="break-anywhere">
            {r.user.email}
          </Text>
          <Badge variant="light" radius="sm" color={r.user.activated && !r.user.disabled ? 'green' : 'orange'}>
            {t(
              r.user.disabled
                ? 'duties.requests.disabled'
                : r.user.activated
                  ? 'duties.requests.activated'
                  : 'duties.requests.notActivated',
            )}
          </Badge>
        </Group>
        <Text size="sm">
          {t('duties.requests.requestedBy', { name: r.requestedBy.displayName, date: fmt.dateTimeShort(r.requestedAt) })}
        </Text>
        <dl className="duties-facts">
          {r.roles.length ? (
            <>
              <dt>{t('duties.requests.roles')}</dt>
              <dd>{roleNames(r.roles)}</dd>
            </>
          ) : null}
          {r.teams.length ? (
            <>
              <dt>{t('duties.requests.teams')}</dt>
              <dd>{teamNames(r.teams)}</dd>
            </>
          ) : null}
          <dt>{t('duties.requests.holds')}</dt>
          <dd>{[roleNames(r.user.roles), teamNames(r.user.teams)].filter(Boolean).join(' · ') || t('duties.requests.nothing')}</dd>
        </dl>
        {r.mayConfirm ? null : (
          <Text size="sm" c="gray.7">
            {t(aboutMe ? 'duties.requests.aboutYou' : 'duties.requests.yours')}
          </Text>
        )}
        <div className="live-region" aria-live="assertive">
          {!decision.error || fields.of('reason') ? null : stale ? (
            <Alert color="orange" variant="light" role="alert">
              {t('duties.requests.stale')}
            </Alert>
          ) : (
            <ErrorAlert error={decision.error} />
          )}
        </div>

        {mode === 'confirm' ? (
          <Paper p="sm" bg="gray.0" role="group" aria-label={t('duties.requests.confirmNamed', { name })}>
            <Stack gap="xs">
              <Text size="sm">{t('duties.requests.confirmQuestion', { name })}</Text>
              <Group gap="xs">
                <Button
                  ref={confirmRef}
                  size="xs"
                  loading={decision.isPending}
                  onClick={() => decision.mutate({ request: r }, { onSuccess: () => onDecided(t('duties.requests.confirmed', { name })) })}
                >
                  {t('common.confirm')}
                </Button>
                <Button size="xs" variant="default" onClick={cancel}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        ) : mode === 'refuse' ? (
          <Paper component="form" p="sm" bg="gray.0" onSubmit={refuse} noValidate aria-label={t('duties.requests.refuseNamed', { name })}>
            <Stack gap="xs">
              <Textarea
                ref={reasonRef}
                label={t('duties.requests.reason')}
                description={t('duties.requests.reasonHint')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={fields.of('reason')}
                required
                autosize
                minRows={2}
                maxLength={500}
              />
              <Group gap="xs">
                <Button type="submit" size="xs" color="orange" loading={decision.isPending}>
                  {t('duties.requests.refuse')}
                </Button>
                <Button size="xs" variant="default" onClick={cancel}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        ) : aboutMe ? null : (
          <Group gap="xs">
            {r.mayConfirm ? (
              <Button
                ref={startConfirm}
                size="xs"
                onClick={() => setMode('confirm')}
                aria-label={t('duties.requests.confirmNamed', { name })}
              >
                {t('common.confirm')}
              </Button>
            ) : null}
            <Button
              ref={startRefuse}
              size="xs"
              variant="light"
              color="orange"
              onClick={() => setMode('refuse')}
              aria-label={t('duties.requests.refuseNamed', { name })}
            >
              {t('duties.requests.refuse')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  )
}
