import { Alert, Button, Divider, Group, Stack, Switch, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api, isApiError } from '../../api/client'
import type { TeamView, UpdateUserBody, UserView } from '../../api/types'
import { ConfirmButton } from '../../components/confirm-button'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { ROLES, type Role } from '../../../../common/roles'
import { ActivationLinkPanel } from './activation-link'
import { ROLE_REQUESTS_KEY } from './use-role-requests'
import { RoleAndTeamFields } from './user-fields'
import { focusFirstError } from '../../components/focus-error'

const sameSet = <T,>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x) => b.includes(x))

export function UserEditModal({ user, onClose, teams }: { user: UserView; onClose: () => void; teams: TeamView[] }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [current, setCurrent] = useState(user)
  const [displayName, setDisplayName] = useState(user.displayName)
  // The form shows what the user holds and what waits for a second person, as one wanted set.
  const initialRoles = ROLES.filter((r) => user.roles.includes(r) || !!user.pending?.roles.includes(r))
  const initialTeams = [...new Set([...user.teamIds, ...(user.pending?.teamIds ?? [])])]
  const [roles, setRoles] = useState<Role[]>(initialRoles)
  const [teamIds, setTeamIds] = useState<string[]>(initialTeams)
  const [disabled, setDisabled] = useState(user.disabled)
  const [local, setLocal] = useState<FieldIssue[]>([])
  const refresh = () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: ['users'] }), queryClient.invalidateQueries({ queryKey: ROLE_REQUESTS_KEY })])

  const save = useMutation({
    mutationFn: (body: UpdateUserBody) => api.patch('/api/users/{id}', { path: { id: user.id }, body, ifMatch: current.version }),
    onSuccess: (u) => {
      void refresh()
      if (u?.id) setCurrent(u)
      onClose()
    },
  })
  const mfaReset = useMutation({
    mutationFn: () => api.post('/api/users/{id}/mfa-reset', { path: { id: user.id } }),
    onSuccess: (u) => {
      void refresh()
      if (u?.id) setCurrent(u)
    },
  })
  const newLink = useMutation({
    mutationFn: () => api.post('/api/users/{id}/activation', { path: { id: user.id } }),
    onSuccess: (r) => {
      void refresh()
      if (r?.user?.id) setCurrent(r.user)
    },
  })
  const fields = useFieldErrors(save.error, local)
  const conflict = isApiError(save.error, 'version.mismatch')

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues: FieldIssue[] = []
    if (!displayName.trim()) issues.push({ field: 'displayName', code: 'required' })
    if (roles.length === 0) issues.push({ field: 'roles', code: 'role_required' })
    setLocal(issues)
    if (issues.length) focusFirstError(e.currentTarget as HTMLElement)
    if (issues.length > 0) return
    // Only what changed is sent: saving a new name must not touch roles, teams or what waits.
    const body: UpdateUserBody = {}
    if (displayName.trim() !== user.displayName) body.displayName = displayName.trim()
    if (!sameSet(roles, initialRoles)) body.roles = roles
    if (!sameSet(teamIds, initialTeams)) body.teamIds = teamIds
    if (disabled !== user.disabled) body.disabled = disabled
    if (Object.keys(body).length === 0) onClose()
    else save.mutate(body)
  }

  return (
    <AppModal opened onClose={onClose} title={t('users.editTitle', { name: user.displayName })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <div className="live-region" aria-live="assertive">
            {conflict ? (
              <Alert color="orange" variant="light" role="alert" title={t('users.conflictTitle')}>
                {t('users.conflictBody')}
              </Alert>
            ) : (
              <ErrorAlert error={save.error} />
            )}
          </div>
          <TextInput label={t('users.email')} value={user.email} readOnly description={t('users.emailFixed')} />
          <TextInput
            label={t('users.name')}
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={fields.of('displayName')}
            maxLength={120}
            required
            data-autofocus
          />
          {user.mayChangeAccess ? (
            <Text size="sm" c="gray.7">
              {t('duties.editHint')}
            </Text>
          ) : (
            <Alert color="petrol" variant="light" title={t('duties.selfTitle')}>
              {t('duties.selfBody')}
            </Alert>
          )}
          <RoleAndTeamFields
            roles={roles}
            teamIds={teamIds}
            teams={teams}
            onRoles={setRoles}
            onTeams={setTeamIds}
            rolesError={fields.of('roles')}
            teamsError={fields.of('teamIds')}
            pendingRoles={user.pending?.roles}
            pendingTeamIds={user.pending?.teamIds}
            readOnly={!user.mayChangeAccess}
          />
          <Switch
            label={t('users.disabled')}
            description={t('users.disabledHint')}
            checked={disabled}
            onChange={(e) => setDisabled(e.currentTarget.checked)}
            disabled={!user.mayChangeAccess}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>

      <Divider my="lg" />
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('users.access')}
        </Title>
        <div className="live-region" aria-live="polite">
          <ErrorAlert error={mfaReset.error ?? newLink.error} />
          {mfaReset.isSuccess ? (
            <Alert color="green" variant="light" role="status">
              {t('users.mfaResetDone')}
            </Alert>
          ) : null}
          {newLink.data ? <ActivationLinkPanel path={newLink.data.activationPath} name={user.displayName} /> : null}
        </div>
        <Text size="sm" c="gray.7">
          {t('users.accessHint')} {t('duties.takeOverHint')}
        </Text>
        <Group>
          <ConfirmButton
            variant="light"
            label={t('users.mfaReset')}
            question={t('users.mfaResetConfirm', { name: user.displayName })}
            onConfirm={() => mfaReset.mutate()}
            loading={mfaReset.isPending}
            disabled={!current.mfaEnabled}
          />
          <ConfirmButton
            variant="light"
            label={t('users.newLink')}
            question={t('users.newLinkConfirm', { name: user.displayName })}
            onConfirm={() => newLink.mutate()}
            loading={newLink.isPending}
          />
        </Group>
      </Stack>
    </AppModal>
  )
}
