import { Button, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { DateField } from '../../components/date-field'
import { ErrorAlert } from '../../components/error-alert'

const day = (iso: string, offsetDays = 0) => new Date(new Date(iso).getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10)

/**
 * "Which persons did this account read between these dates": the audit log's reads by one staff
 * account, answered here so that the DPO can count the people a compromised account reached.
 */
export function WhoDidThisAccountRead({ discoveredAt }: { discoveredAt: string }) {
  const { t } = useTranslation()
  const [actorId, setActorId] = useState<string | null>(null)
  const [from, setFrom] = useState(() => day(discoveredAt, -7))
  const [to, setTo] = useState(() => day(discoveredAt))
  const actors = useQuery({ queryKey: ['audit', 'actors'], queryFn: () => api.get('/api/audit/actors') })
  const search = useMutation({
    mutationFn: (q: { actorId: string; from: string; to: string }) =>
      api.post('/api/audit/search', { body: { ...q, kind: 'read', limit: 200, offset: 0 } }),
  })
  // An answer is shown only for the question still on screen.
  const asked = search.variables
  const result = asked && asked.actorId === actorId && asked.from === from && asked.to === to ? search.data : undefined
  const persons = result ? [...new Set(result.items.flatMap((e) => e.persons))] : []
  return (
    <Paper component="section" aria-labelledby="who-read-title" withBorder p="md" maw={860} data-testid="who-read">
      <Stack gap="sm">
        <Title order={2} size="h4" id="who-read-title">
          {t('registers.whoRead.title')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('registers.whoRead.intro')}
        </Text>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            if (actorId) search.mutate({ actorId, from, to })
          }}
        >
          <Stack gap="sm">
            <Select
              label={t('registers.whoRead.account')}
              data={(actors.data?.items ?? []).map((a) => ({ value: a.id, label: a.displayName }))}
              value={actorId}
              onChange={setActorId}
              searchable
              required
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <DateField label={t('registers.whoRead.from')} value={from} onChange={setFrom} required />
              <DateField label={t('registers.whoRead.to')} value={to} onChange={setTo} required />
            </SimpleGrid>
            <Group>
              <Button type="submit" variant="light" disabled={!actorId} loading={search.isPending}>
                {t('registers.whoRead.search')}
              </Button>
            </Group>
          </Stack>
        </form>
        <div className="live-region" aria-live="polite">
          <ErrorAlert error={search.error} />
          {result ? (
            <Stack gap={4}>
              <Text fw={600}>{t('registers.whoRead.result', { count: persons.length, reads: result.total })}</Text>
              {persons.length ? (
                <Text size="sm" ff="monospace" className="pre-wrap">
                  {persons.join(', ')}
                </Text>
              ) : null}
              {result.total > result.items.length ? (
                <Text size="sm" c="gray.7">
                  {t('registers.whoRead.partial', { count: result.items.length })}
                </Text>
              ) : null}
            </Stack>
          ) : null}
        </div>
      </Stack>
    </Paper>
  )
}
