import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api, isApiError } from '../../api/client'
import type { CreateUserBody, TeamView } from '../../api/types'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import type { Role } from '../../../../common/roles'
import { ActivationLinkPanel } from './activation-link'
import { ROLE_REQUESTS_KEY } from './use-role-requests'
import { PartnerOrganisationField } from './partner-organisation-field'
import { RoleAndTeamFields } from './user-fields'
import { RequiredNote } from '../../components/required-note'
import { focusFirstError } from '../../components/focus-error'

export function UserCreateModal({ opened, onClose, teams }: { opened: boolean; onClose: () => void; teams: TeamView[] }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [email, setEmail] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [roles, setRoles] = useState<Role[]>([])
  const [teamIds, setTeamIds] = useState<string[]>([])
  const [organisationId, setOrganisationId] = useState<string | null>(null)
  const [local, setLocal] = useState<FieldIssue[]>([])

  const create = useMutation({
    mutationFn: (body: CreateUserBody) => api.post('/api/users', { body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] })
      void queryClient.invalidateQueries({ queryKey: ROLE_REQUESTS_KEY })
      void queryClient.invalidateQueries({ queryKey: ['teams'] })
    },
  })
  const fields = useFieldErrors(create.error, local)
  const emailTaken = isApiError(create.error, 'conflict.email_taken')

  const close = () => {
    setEmail('')
    setDisplayName('')
    setRoles([])
    setTeamIds([])
    setOrganisationId(null)
    setLocal([])
    create.reset()
    onClose()
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues: FieldIssue[] = []
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) issues.push({ field: 'email', code: 'invalid_email' })
    if (!displayName.trim()) issues.push({ field: 'displayName', code: 'required' })
    if (roles.length === 0) issues.push({ field: 'roles', code: 'role_required' })
    const partner = roles.includes('partner')
    if (partner && !organisationId) issues.push({ field: 'organisationId', code: 'required' })
    setLocal(issues)
    if (issues.length) focusFirstError(e.currentTarget as HTMLElement)
    if (issues.length === 0)
      create.mutate({
        email: email.trim(),
        displayName: displayName.trim(),
        roles,
        teamIds,
        organisationId: partner ? organisationId : null,
      })
  }

  return (
    <AppModal opened={opened} onClose={close} title={t('users.createTitle')}>
      {create.data ? (
        <Stack>
          <ActivationLinkPanel path={create.data.activationPath} name={create.data.user.displayName} />
          {create.data.user.pending ? (
            <Alert color="orange" variant="light" title={t('duties.pending')} data-testid="created-pending">
              {t('duties.createdWaiting', {
                grants: [
                  ...create.data.user.pending.roles.map((r) => t(`roles.${r}`)),
                  ...create.data.user.pending.teamIds.map((id) => teams.find((x) => x.id === id)?.name ?? '—'),
                ].join(', '),
              })}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button onClick={close}>{t('common.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <RequiredNote />
            <div className="live-region" aria-live="assertive">
              {emailTaken ? null : <ErrorAlert error={create.error} />}
            </div>
            <TextInput
              label={t('users.email')}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fields.of('email') ?? (emailTaken ? t('errors.conflict.email_taken') : undefined)}
              maxLength={254}
              autoComplete="off"
              required
              data-autofocus
            />
            <TextInput
              label={t('users.name')}
              value={displayName}
              onChange={(e) => setDisplayName(e.currentTarget.value)}
              error={fields.of('displayName')}
              maxLength={120}
              autoComplete="off"
              required
            />
            <Text size="sm" c="gray.7">
              {t('duties.createHint')}
            </Text>
            <RoleAndTeamFields
              roles={roles}
              teamIds={teamIds}
              teams={teams}
              onRoles={setRoles}
              onTeams={setTeamIds}
              rolesError={fields.of('roles')}
              teamsError={fields.of('teamIds')}
            />
            {roles.includes('partner') && (
              <PartnerOrganisationField value={organisationId} onChange={setOrganisationId} error={fields.of('organisationId')} />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('users.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </AppModal>
  )
}
