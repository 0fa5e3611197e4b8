import { Alert, Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { api } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import { AccessBadge, StatusBadge } from '../accompaniments/badges'

/**
 * The person's cases the caller may see, each with a link, and — without any detail — whether
 * others exist, so that nobody opens a second case for someone already followed elsewhere.
 */
export function PersonCases({ personId }: { personId: string }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const cases = useQuery({
    queryKey: ['persons', personId, 'cases'],
    queryFn: ({ signal }) => api.get('/api/persons/{id}/cases', { path: { id: personId }, signal }),
  })
  return (
    <Paper component="section" aria-labelledby="person-cases" data-testid="person-cases">
      <Title order={2} size="h4" id="person-cases" mb="md">
        {t('personCases.title')}
      </Title>
      <ErrorAlert error={cases.error} />
      {cases.isPending ? (
        <Loading />
      ) : cases.data ? (
        <Stack gap="sm">
          {cases.data.items.length === 0 ? (
            <Text c="gray.7">{t(cases.data.othersExist ? 'personCases.noneVisible' : 'personCases.none')}</Text>
          ) : (
            <ScrollTable label={t('personCases.caption')}>
              <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="person-cases-table">
                <Table.Caption>{t('personCases.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('accompaniment.code')}</Table.Th>
                    <Table.Th scope="col">{t('accompaniment.kindLabel')}</Table.Th>
                    <Table.Th scope="col">{t('accompaniment.statusLabel')}</Table.Th>
                    <Table.Th scope="col">{t('personCases.workers')}</Table.Th>
                    <Table.Th scope="col">{t('personCases.opened')}</Table.Th>
                    <Table.Th scope="col">{t('personCases.updated')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {cases.data.items.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Th scope="row" className="mono nowrap">
                        <Anchor component={Link} to={`/accompaniments/${c.id}`} fw={600}>
                          {c.code}
                        </Anchor>
                      </Table.Th>
                      <Table.Td>
                        {t(`accompaniment.kind.${c.kind}`)}
                        {c.role === 'concerned' ? (
                          <Text component="span" size="sm" c="gray.7" display="block">
                            {t('personCases.asConcerned')}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={4} align="flex-start">
                          <StatusBadge status={c.status} />
                          <AccessBadge access={c.access} />
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        {c.workers.length
                          ? c.workers.map((w) => (w.role === 'primary' ? t('personCases.primary', { name: w.name }) : w.name)).join(', ')
                          : t('personCases.unassigned')}
                      </Table.Td>
                      <Table.Td className="nowrap">{fmt.day(c.openedAt)}</Table.Td>
                      <Table.Td className="nowrap">{fmt.day(c.updatedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
          {cases.data.othersExist ? (
            <Alert variant="light" color="petrol" icon={<IconInfoCircle aria-hidden />} data-testid="person-other-cases">
              {t('personCases.othersExist')}
            </Alert>
          ) : null}
        </Stack>
      ) : null}
    </Paper>
  )
}
