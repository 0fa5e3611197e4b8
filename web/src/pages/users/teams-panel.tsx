import { Button, Group, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api, isApiError } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { TEAMS_KEY, useTeams } from './use-teams'
import { focusFirstError } from '../../components/focus-error'

export function TeamsPanel() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const teams = useTeams()
  const [name, setName] = useState('')
  const [local, setLocal] = useState<FieldIssue[]>([])
  const create = useMutation({
    mutationFn: () => api.post('/api/teams', { body: { name: name.trim() } }),
    onSuccess: () => {
      setName('')
      void queryClient.invalidateQueries({ queryKey: TEAMS_KEY })
    },
  })
  const fields = useFieldErrors(create.error, local)
  const taken = isApiError(create.error, 'conflict.team_name_taken')

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues: FieldIssue[] = name.trim() ? [] : [{ field: 'name', code: 'required' }]
    setLocal(issues)
    if (issues.length) focusFirstError(e.currentTarget as HTMLElement)
    if (issues.length === 0) create.mutate()
  }

  return (
    <Paper component="section" aria-labelledby="teams-title">
      <Title order={2} size="h3" id="teams-title" mb="xs">
        {t('teams.title')}
      </Title>
      <Text c="gray.7" mb="md">
        {t('teams.intro')}
      </Text>
      <ErrorAlert error={teams.error} />
      {teams.isPending ? (
        <Loading />
      ) : teams.data?.items.length ? (
        <List spacing={4} mb="lg" data-testid="team-list">
          {teams.data.items.map((team) => (
            <List.Item key={team.id}>
              <Text span fw={500}>
                {team.name}
              </Text>{' '}
              <Text span c="gray.7" size="sm">
                {t('teams.members', { count: team.memberCount })}
              </Text>
            </List.Item>
          ))}
        </List>
      ) : (
        <Text mb="lg">{t('teams.none')}</Text>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <div className="live-region" aria-live="assertive">
            {taken ? null : <ErrorAlert error={create.error} />}
          </div>
          <Group align="flex-start" gap="sm">
            <TextInput
              label={t('teams.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fields.of('name') ?? (taken ? t('errors.conflict.team_name_taken') : undefined)}
              maxLength={120}
              w={320}
            />
            <Button type="submit" loading={create.isPending} mt={25}>
              {t('teams.create')}
            </Button>
          </Group>
          {create.isSuccess ? (
            <Text size="sm" role="status">
              {t('teams.created')}
            </Text>
          ) : null}
        </Stack>
      </form>
    </Paper>
  )
}
