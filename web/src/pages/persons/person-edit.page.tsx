import { Alert, Button, Stack, Text } from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import { api, isApiError } from '../../api/client'
import type { PersonInput } from '../../api/types'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { NotFoundPage } from '../not-found/not-found.page'
import { PersonForm } from './person-form'
import { valuesFromView } from './person-form-values'
import { isUnavailable, usePerson } from './use-person'

/** Edit a person. The change carries the version it is based on: a concurrent edit is never overwritten. */
export function PersonEditPage() {
  const { t } = useTranslation()
  const { id } = useParams()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const person = usePerson(id)

  const save = useMutation({
    mutationFn: (input: PersonInput) =>
      api.put('/api/persons/{id}', { path: { id: id ?? '' }, body: input, ifMatch: person.data?.version ?? 0 }),
    onSuccess: (updated) => {
      if (updated?.id) queryClient.setQueryData(['persons', id], updated)
      else void queryClient.invalidateQueries({ queryKey: ['persons', id] })
      void queryClient.invalidateQueries({ queryKey: ['persons', 'search'] })
      void navigate(`/persons/${id}`, { state: { saved: 'updated' } })
    },
  })

  if (person.isPending) return <Loading />
  if (isUnavailable(person.error)) {
    return <NotFoundPage backTo="/persons" backLabel={t('person.backToSearch')} />
  }
  // A refusal (a restricted processing) still gets the page's heading: the worker knows where they are.
  if (person.isError)
    return (
      <Stack>
        <PageHeader title={t('person.edit')} />
        <ErrorAlert error={person.error} />
      </Stack>
    )

  const conflict = isApiError(save.error, 'version.mismatch')
  const reload = async () => {
    await person.refetch()
    save.reset()
  }
  const notice = conflict ? (
    <Alert color="orange" variant="light" role="alert" title={t('person.conflictTitle')} mb="md">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t('person.conflictBody')}</Text>
        <Button onClick={reload} leftSection={<IconRefresh size={16} aria-hidden />} variant="white" color="orange.9">
          {t('person.conflictReload')}
        </Button>
      </Stack>
    </Alert>
  ) : null

  const p = person.data
  return (
    <Stack>
      <PageHeader
        title={t('person.editTitle', { name: `${p.firstName} ${p.lastName}` })}
        description={t('person.editIntro', { code: p.code })}
      />
      <PersonForm
        key={`${p.id}:${p.version}`}
        initial={valuesFromView(p)}
        onSubmit={(input) => save.mutate(input)}
        pending={save.isPending}
        error={conflict ? null : save.error}
        notice={notice}
        submitLabel={t('common.save')}
        cancelTo={`/persons/${p.id}`}
      />
    </Stack>
  )
}
