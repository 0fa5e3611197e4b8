import { Button, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core'
import { IconLink } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { PersonPicker } from '../persons/person-picker'
import { useLink } from './use-contacts'
import type { ContactView } from './vocabulary'

/** The caseload holds at most this many rows a page: a person's cases are found among them. */
const CASELOAD = 100

/**
 * An anonymous contact, identified later: choose its person (already set, or found now) and one of
 * that person's cases the user may change; the contact is linked to both in one action. Only those
 * who may change cases see it (workers and leads); intake opens a new case instead.
 */
export function LinkCasePanel({ contact }: { contact: ContactView }) {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const [person, setPerson] = useState<string | null>(contact.personId)
  const [chosen, setChosen] = useState<string | null>(null)
  const link = useLink()
  const allowed = can(me, 'accompaniment.update') && !contact.accompanimentId
  // The caseload lists only the cases the user may see; none is fetched until a person is chosen.
  const caseload = useQuery({
    queryKey: ['accompaniments', 'list', '', 0, CASELOAD],
    queryFn: ({ signal }) => api.get('/api/accompaniments', { query: { limit: CASELOAD, offset: 0 }, signal }),
    enabled: allowed && !!person,
  })
  if (!allowed) return null
  const cases = person ? (caseload.data?.items ?? []).filter((c) => c.personId === person) : []
  const choose = (id: string | null) => {
    setPerson(id)
    setChosen(null)
  }
  return (
    <Paper component="section" aria-labelledby="contact-link-case" data-testid="contact-link-case">
      <Stack gap="sm">
        <Title order={2} size="h4" id="contact-link-case">
          {t('contacts.linkCaseTitle')}
        </Title>
        <Text size="sm">{t('contacts.linkCaseIntro')}</Text>
        <PersonPicker label={t('contacts.linkPerson')} value={person} onChange={choose} />
        {person && caseload.isSuccess && cases.length === 0 ? <Text size="sm">{t('contacts.linkNoCase')}</Text> : null}
        {cases.length > 0 ? (
          <Radio.Group label={t('contacts.linkCaseChoice')} value={chosen} onChange={setChosen}>
            <Stack gap="xs" mt="xs">
              {cases.map((c) => (
                <Radio key={c.id} value={c.id} label={`${c.code} — ${c.personName}`} />
              ))}
            </Stack>
          </Radio.Group>
        ) : null}
        <div aria-live="polite">
          <ErrorAlert error={caseload.error ?? link.error} />
        </div>
        <Group>
          <Button
            variant="light"
            leftSection={<IconLink size={16} aria-hidden />}
            disabled={!person || !chosen}
            loading={link.isPending}
            onClick={() => link.mutate({ contact, vars: { personId: person, accompanimentId: chosen } })}
          >
            {t('contacts.linkCase')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}
