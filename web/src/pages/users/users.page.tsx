import { Badge, Box, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core'
import { IconUserPlus } from '@tabler/icons-react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EmailAddress } from '../../components/email-address'
import { api } from '../../api/client'
import type { UserView } from '../../api/types'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { Pager } from '../../components/pager'
import { ScrollTable } from '../../components/scroll-table'
import './duties.css'
import { RoleRequestsPanel } from './role-requests-panel'
import { TeamsPanel } from './teams-panel'
import { UserCreateModal } from './user-create.modal'
import { UserEditModal } from './user-edit.modal'
import { useTeams } from './use-teams'

const LIMIT = 20

function UserStatus({ user }: { user: UserView }) {
  const { t } = useTranslation()
  if (user.disabled)
    return (
      <Badge color="gray" c="gray.8" variant="light" radius="sm">
        {t('users.status.disabled')}
      </Badge>
    )
  if (!user.activated)
    return (
      <Badge color="orange" variant="light" radius="sm">
        {t('users.status.pending')}
      </Badge>
    )
  return (
    <Badge color="green" variant="light" radius="sm">
      {t('users.status.active')}
    </Badge>
  )
}

/** Roles or teams asked for a user, not effective until a second person confirms them. */
function PendingLine({ label }: { label: string }) {
  const { t } = useTranslation()
  return (
    <Group gap={6} mt={4} wrap="wrap">
      <Badge color="orange" variant="light" radius="sm">
        {t('duties.pending')}
      </Badge>
      <Text size="sm">{label}</Text>
    </Group>
  )
}

/** Accounts and teams. Administrators never set or see a password. */
export function UsersPage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const [offset, setOffset] = useState(0)
  const [creating, setCreating] = useState(false)
  const [editing, setEditing] = useState<UserView | null>(null)
  const teams = useTeams(can(me, 'team.manage'))
  const users = useQuery({
    queryKey: ['users', offset],
    queryFn: () => api.get('/api/users', { query: { limit: LIMIT, offset } }),
    placeholderData: keepPreviousData,
  })
  const teamName = (id: string) => teams.data?.items.find((x) => x.id === id)?.name ?? '—'

  return (
    <Stack gap="xl">
      <PageHeader
        title={t('users.title')}
        description={t('users.intro')}
        actions={
          <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={() => setCreating(true)}>
            {t('users.new')}
          </Button>
        }
      />
      <ErrorAlert error={users.error} />
      {users.isPending ? (
        <Loading />
      ) : users.data ? (
        <Stack gap="sm">
          <ScrollTable label={t('users.caption')} stack="fields">
            {(folded) => (
              <div className="users-table-frame">
                {/* Five columns where they fit; three where they do not (1,024 px beside the side bar):
                    the teams under the roles, the edit button under the status. */}
                <Table data-testid="user-list" striped verticalSpacing="sm" horizontalSpacing="md">
                  <Table.Caption>{t('users.caption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('users.nameAndEmail')}</Table.Th>
                      <Table.Th scope="col">{folded ? t('users.rolesAndTeams') : t('users.roles')}</Table.Th>
                      {folded ? null : <Table.Th scope="col">{t('users.teams')}</Table.Th>}
                      <Table.Th scope="col">{t('users.statusLabel')}</Table.Th>
                      {folded ? null : (
                        <Table.Th scope="col">
                          <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                        </Table.Th>
                      )}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {users.data.items.map((u) => {
                      const roles = (
                        <>
                          {u.roles.map((r) => t(`roles.${r}`)).join(', ')}
                          {u.pending?.roles.length ? <PendingLine label={u.pending.roles.map((r) => t(`roles.${r}`)).join(', ')} /> : null}
                        </>
                      )
                      const teams = (
                        <>
                          {u.teamIds.map(teamName).join(', ') || (u.pending?.teamIds.length ? null : '—')}
                          {u.pending?.teamIds.length ? <PendingLine label={u.pending.teamIds.map(teamName).join(', ')} /> : null}
                        </>
                      )
                      const edit = (
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => setEditing(u)}
                          aria-label={t('users.editNamed', { name: u.displayName })}
                        >
                          {t('common.edit')}
                        </Button>
                      )
                      return (
                        <Table.Tr key={u.id}>
                          <Table.Th scope="row">
                            <Text fw={600} size="sm">
                              {u.displayName}
                            </Text>
                            <Text size="sm" c="gray.7" className="break-anywhere">
                              <EmailAddress email={u.email} />
                            </Text>
                          </Table.Th>
                          {folded ? (
                            <Table.Td>
                              <div>{roles}</div>
                              <Text size="sm" c="gray.7" mt={4}>
                                {teams}
                              </Text>
                            </Table.Td>
                          ) : (
                            <>
                              <Table.Td>{roles}</Table.Td>
                              <Table.Td>{teams}</Table.Td>
                            </>
                          )}
                          <Table.Td className="nowrap">
                            <UserStatus user={u} />
                            <Text size="xs" c="gray.7" mt={4}>
                              {t(u.mfaEnabled ? 'users.mfaOn' : 'users.mfaOff')}
                            </Text>
                            {folded ? <Box mt={6}>{edit}</Box> : null}
                          </Table.Td>
                          {folded ? null : <Table.Td>{edit}</Table.Td>}
                        </Table.Tr>
                      )
                    })}
                  </Table.Tbody>
                </Table>
              </div>
            )}
          </ScrollTable>
          <Pager total={users.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />
        </Stack>
      ) : null}

      {can(me, 'user.confirm_grant') ? <RoleRequestsPanel /> : null}
      {can(me, 'team.manage') ? <TeamsPanel /> : null}

      <UserCreateModal opened={creating} onClose={() => setCreating(false)} teams={teams.data?.items ?? []} />
      {editing ? <UserEditModal user={editing} onClose={() => setEditing(null)} teams={teams.data?.items ?? []} /> : null}
    </Stack>
  )
}
