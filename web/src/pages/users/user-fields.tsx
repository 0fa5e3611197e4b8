import { Checkbox, MultiSelect, SimpleGrid } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { TeamView } from '../../api/types'
import { ROLES, type Role } from '../../../../common/roles'

/** Roles (with what each one may do) and teams of a user. */
export function RoleAndTeamFields(props: {
  roles: Role[]
  teamIds: string[]
  teams: TeamView[]
  onRoles: (r: Role[]) => void
  onTeams: (ids: string[]) => void
  rolesError?: string
  teamsError?: string
  /** Roles that wait for a second person: ticked, and said to be waiting. */
  pendingRoles?: readonly Role[]
  pendingTeamIds?: readonly string[]
  /** On one's own account: shown, not changeable. */
  readOnly?: boolean
}) {
  const { t } = useTranslation()
  return (
    <>
      <Checkbox.Group
        label={t('users.roles')}
        description={t('users.rolesHint')}
        value={props.roles}
        onChange={(v) => props.onRoles(v as Role[])}
        error={props.rolesError}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="sm">
          {ROLES.map((r) => (
            <Checkbox
              key={r}
              value={r}
              label={props.pendingRoles?.includes(r) ? t('duties.pendingRole', { role: t(`roles.${r}`) }) : t(`roles.${r}`)}
              description={t(`roleHelp.${r}`)}
              disabled={props.readOnly}
            />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <MultiSelect
        label={t('users.teamsOptional')}
        data={props.teams.map((team) => ({ value: team.id, label: team.name }))}
        value={props.teamIds}
        onChange={props.onTeams}
        error={props.teamsError}
        placeholder={props.teams.length ? undefined : t('teams.none')}
        description={
          props.pendingTeamIds?.length
            ? t('duties.pendingTeams', {
                teams: props.pendingTeamIds.map((id) => props.teams.find((x) => x.id === id)?.name ?? '—').join(', '),
              })
            : undefined
        }
        searchable
        clearable
        disabled={props.readOnly}
      />
    </>
  )
}
