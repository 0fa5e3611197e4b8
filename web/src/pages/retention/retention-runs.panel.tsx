import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, type ResponseOf } from '../../api/client'
import { ConfirmButton } from '../../components/confirm-button'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'

type Run = ResponseOf<'/api/dpo/retention/runs', 'get'>['items'][number]

/** Runs: propose a snapshot of what is due, approve it (irreversible), read its report. */
export function RetentionRunsPanel() {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const runs = useQuery({ queryKey: ['retention', 'runs'], queryFn: () => api.get('/api/dpo/retention/runs') })
  const propose = useMutation({
    mutationFn: () => api.post('/api/dpo/retention/runs', {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['retention'] }),
  })
  return (
    <Stack gap="sm" component="section" aria-labelledby="retention-runs">
      <Title order={2} size="h3" id="retention-runs">
        {t('retention.runs.title')}
      </Title>
      <Text size="sm">{t('retention.runs.intro')}</Text>
      <Group>
        <Button onClick={() => propose.mutate()} loading={propose.isPending}>
          {t('retention.runs.propose')}
        </Button>
      </Group>
      <ErrorAlert error={propose.error} />
      <ErrorAlert error={runs.error} />
      {runs.isPending ? (
        <Loading />
      ) : (
        runs.data?.items.map((r, i, all) => <RunCard key={`${r.id}-${r.version}`} run={r} number={all.length - i} />)
      )}
    </Stack>
  )
}

/** `number`: the run's rank, oldest first, so that each report's region has a name of its own. */
function RunCard({ run, number }: { run: Run; number: number }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const qc = useQueryClient()
  const approve = useMutation({
    mutationFn: () => api.post('/api/dpo/retention/runs/{runId}/approval', { path: { runId: run.id }, ifMatch: run.version }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['retention'] }),
  })
  const kinds = run.kinds.filter((k) => k.due > 0 || k.held > 0)
  return (
    <Paper withBorder p="sm" data-testid={`run-${run.status}`}>
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>{t('retention.runs.of', { date: fmt.date(run.asOf) })}</Text>
          <Badge color={run.status === 'executed' ? 'green' : run.status === 'proposed' ? 'orange' : 'gray'}>
            {t(`retention.runs.statuses.${run.status}`)}
          </Badge>
          <Text size="sm" c="gray.7">
            {run.proposedBy ? t('retention.runs.proposedBy', { name: run.proposedBy.displayName }) : t('retention.runs.proposedByJob')}
          </Text>
        </Group>
        <Text size="sm">{t('retention.runs.total', { count: run.total })}</Text>
        {kinds.length > 0 && <Text size="sm">{kinds.map((k) => `${t(`retention.kinds.${k.kind}`)}: ${k.due}`).join(' · ')}</Text>}
        {run.status === 'proposed' && (
          <Group>
            <ConfirmButton
              color="red"
              label={t('retention.runs.approve')}
              question={t('retention.runs.approveQuestion', { count: run.total })}
              onConfirm={() => approve.mutate()}
              loading={approve.isPending}
            />
          </Group>
        )}
        <ErrorAlert error={approve.error} />
        {run.report && (
          <ScrollTable label={t('retention.runs.reportNumbered', { number })}>
            <Table data-testid="retention-report" verticalSpacing="xs">
              <Table.Caption>{t('retention.runs.reportCaption', { count: run.report.persons })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('retention.due.kind')}</Table.Th>
                  <Table.Th scope="col">{t('retention.runs.erased')}</Table.Th>
                  <Table.Th scope="col">{t('retention.runs.anonymised')}</Table.Th>
                  <Table.Th scope="col">{t('retention.runs.skipped')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {run.report.kinds
                  .filter((k) => k.erased + k.anonymised + Object.values(k.skipped).reduce((n, x) => n + x, 0) > 0)
                  .map((k) => (
                    <Table.Tr key={k.kind}>
                      <Table.Th scope="row">{t(`retention.kinds.${k.kind}`)}</Table.Th>
                      <Table.Td>{k.erased}</Table.Td>
                      <Table.Td>{k.anonymised}</Table.Td>
                      <Table.Td>
                        {Object.entries(k.skipped)
                          .filter(([, n]) => n > 0)
                          .map(([reason, n]) => `${t(`retention.skip.${reason}`)}: ${n}`)
                          .join(' · ') || '0'}
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {run.status === 'executed' && !run.report && <Alert>{t('retention.runs.noReport')}</Alert>}
      </Stack>
    </Paper>
  )
}
