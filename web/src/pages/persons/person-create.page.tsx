import { Stack } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { api } from '../../api/client'
import type { PersonInput } from '../../api/types'
import { PageHeader } from '../../components/page-header'
import { PersonForm } from './person-form'
import { emptyValues } from './person-form-values'

export function PersonCreatePage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const create = useMutation({
    mutationFn: (input: PersonInput) => api.post('/api/persons', { body: input }),
    onSuccess: (person) => {
      void queryClient.invalidateQueries({ queryKey: ['persons', 'search'] })
      if (person?.id) {
        queryClient.setQueryData(['persons', person.id], person)
        void navigate(`/persons/${person.id}`, { state: { saved: 'created' } })
      } else {
        void navigate('/persons')
      }
    },
  })

  return (
    <Stack>
      <PageHeader title={t('person.createTitle')} description={t('person.createIntro')} />
      <PersonForm
        initial={emptyValues()}
        onSubmit={(input) => create.mutate(input)}
        pending={create.isPending}
        error={create.error}
        submitLabel={t('person.create')}
        cancelTo="/persons"
      />
    </Stack>
  )
}
