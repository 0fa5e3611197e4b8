import { Alert, Badge, Button, Checkbox, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core'
import { IconDownload } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import type { DpoExportView } from '../../../../common/contracts/dpo-exports.contracts'
import { api, urlOf } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { JobProgress } from '../../components/job-progress'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'

const STATE_COLOR: Record<DpoExportView['state'], string> = {
  queued: 'gray',
  running: 'blue',
  ready: 'green',
  failed: 'red',
  downloaded: 'petrol',
}
const working = (e: DpoExportView) => e.state === 'queued' || e.state === 'running'

/**
 * Subject-access and portability exports (GDPR art. 15 and 20): the DPO picks an open request,
 * starts the export, follows its progress, reviews the spots naming other people, then takes
 * the archive once (the server deletes it as it gives it).
 */
export function DpoExportsPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const requestId = params.get('request')
  const requests = useQuery({
    queryKey: ['dpo-requests', 'open'],
    queryFn: () => api.get('/api/dpo/requests', { query: { status: 'open', limit: 100 } }),
  })
  const eligible = (requests.data?.items ?? []).filter((r) => (r.kind === 'access' || r.kind === 'portability') && r.person)
  const choose = (id: string | null) => setParams(id ? { request: id } : {}, { replace: true })
  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader title={t('dpoExports.title')} description={t('dpoExports.intro')} />
      <Paper component="section" aria-labelledby="dpo-export-request">
        <Title order={2} size="h4" id="dpo-export-request" mb="sm">
          {t('dpoExports.request')}
        </Title>
        <ErrorAlert error={requests.error} />
        {requests.isPending ? (
          <Loading />
        ) : (
          <Select
            label={t('dpoExports.requestLabel')}
            description={t('dpoExports.requestHelp')}
            placeholder={t('dpoExports.requestPlaceholder')}
            data={eligible.map((r) => ({
              value: r.id,
              label: `${r.code} · ${t(`dpoExports.kind.${r.kind}`)} · ${r.person?.code ?? ''}`,
            }))}
            value={requestId}
            onChange={choose}
            searchable
            clearable
            nothingFoundMessage={t('dpoExports.noRequest')}
            maw={520}
            data-testid="dpo-export-request"
          />
        )}
      </Paper>
      {requestId ? <RequestExports requestId={requestId} /> : <AllExports />}
    </Stack>
  )
}

function RequestExports({ requestId }: { requestId: string }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const queryClient = useQueryClient()
  const key = ['dpo-exports', requestId]
  const list = useQuery({
    queryKey: key,
    queryFn: () => api.get('/api/dpo/exports', { query: { requestId } }),
    // While the job runs, ask again every second so that the bar moves.
    refetchInterval: (q) => (q.state.data?.items.some(working) ? 1000 : false),
  })
  const start = useMutation({
    mutationFn: () => api.post('/api/dpo/exports', { body: { requestId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  })
  const items = list.data?.items ?? []
  const current = items[0]
  return (
    <>
      <Paper component="section" aria-labelledby="dpo-export-current" data-testid="dpo-export-current">
        <Stack gap="md">
          <Group justify="space-between" wrap="wrap">
            <Title order={2} size="h4" id="dpo-export-current">
              {t('dpoExports.current')}
            </Title>
            <Button
              onClick={() => start.mutate()}
              loading={start.isPending}
              disabled={!!current && working(current)}
              data-testid="dpo-export-start"
            >
              {t('dpoExports.start')}
            </Button>
          </Group>
          <ErrorAlert error={start.error ?? list.error} />
          {list.isPending ? (
            <Loading />
          ) : current ? (
            <ExportCard key={current.id} view={current} />
          ) : (
            <Text c="gray.7">{t('dpoExports.none')}</Text>
          )}
        </Stack>
      </Paper>
      {items.length > 0 ? (
        <Paper>
          <Title order={2} size="h4" id="dpo-export-history" mb="sm">
            {t('dpoExports.history')}
          </Title>
          <ScrollTable label={t('dpoExports.history')}>
            <Table striped data-testid="dpo-export-history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dpoExports.col.started')}</Table.Th>
                  <Table.Th scope="col">{t('dpoExports.col.person')}</Table.Th>
                  <Table.Th scope="col">{t('dpoExports.col.state')}</Table.Th>
                  <Table.Th scope="col">{t('dpoExports.col.size')}</Table.Th>
                  <Table.Th scope="col">{t('dpoExports.col.downloaded')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td className="nowrap">{fmt.dateTimeShort(e.createdAt)}</Table.Td>
                    <Table.Td className="mono">{e.personCode}</Table.Td>
                    <Table.Td>
                      <Badge color={STATE_COLOR[e.state]} variant="light">
                        {t(`dpoExports.state.${e.state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td className="nowrap">{e.size === null ? '' : fmt.size(e.size)}</Table.Td>
                    <Table.Td>
                      <Downloaded view={e} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </Paper>
      ) : null}
    </>
  )
}

/** When the archive was taken, and by whom: the archive is given once, so this line is its whole fate. */
function Downloaded({ view }: { view: DpoExportView }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  if (!view.downloadedAt) return null
  return (
    <>
      <span className="nowrap">{fmt.dateTimeShort(view.downloadedAt)}</span>
      {view.downloadedBy ? <Text size="sm">{t('dpoExports.by', { name: view.downloadedBy })}</Text> : null}
    </>
  )
}

/**
 * The register of exports, before a request is chosen: every archive made, for which request,
 * who started it and who took it, so that the DPO can answer "who has a copy" in one look.
 */
function AllExports() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const [, setParams] = useSearchParams()
  const list = useQuery({
    queryKey: ['dpo-exports', 'all'],
    queryFn: () => api.get('/api/dpo/exports', { query: {} }),
  })
  const items = list.data?.items ?? []
  return (
    // Not a landmark of its own: the scrolling table is the region named after the register.
    <Paper>
      <Title order={2} size="h4" id="dpo-export-all" mb="sm">
        {t('dpoExports.all')}
      </Title>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text c="gray.7">{t('dpoExports.noneAtAll')}</Text>
      ) : (
        <ScrollTable label={t('dpoExports.all')}>
          <Table striped data-testid="dpo-export-all">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dpoExports.col.started')}</Table.Th>
                <Table.Th scope="col">{t('dpoExports.col.request')}</Table.Th>
                <Table.Th scope="col">{t('dpoExports.col.person')}</Table.Th>
                <Table.Th scope="col">{t('dpoExports.col.state')}</Table.Th>
                <Table.Th scope="col">{t('dpoExports.col.startedBy')}</Table.Th>
                <Table.Th scope="col">{t('dpoExports.col.downloaded')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td className="nowrap">{fmt.dateTimeShort(e.createdAt)}</Table.Td>
                  <Table.Td>
                    <Button variant="subtle" size="compact-sm" className="mono" onClick={() => setParams({ request: e.requestId })}>
                      {e.requestCode}
                    </Button>
                  </Table.Td>
                  <Table.Td className="mono">{e.personCode}</Table.Td>
                  <Table.Td>
                    <Badge color={STATE_COLOR[e.state]} variant="light">
                      {t(`dpoExports.state.${e.state}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{e.requestedBy}</Table.Td>
                  <Table.Td>
                    <Downloaded view={e} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Paper>
  )
}

function ExportCard({ view }: { view: DpoExportView }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const queryClient = useQueryClient()
  const [reviewed, setReviewed] = useState<Set<number>>(new Set())
  const allReviewed = view.flagged.every((_, i) => reviewed.has(i))
  const progress = view.progress
  const toggle = (i: number, on: boolean) =>
    setReviewed((prev) => {
      const next = new Set(prev)
      if (on) next.add(i)
      else next.delete(i)
      return next
    })
  // The archive is given by a plain link (the browser saves it); the view is asked again once it has gone.
  const refresh = () => setTimeout(() => void queryClient.invalidateQueries({ queryKey: ['dpo-exports', view.requestId] }), 800)
  return (
    <Stack gap="md">
      <Group gap="sm" wrap="wrap">
        <Text>
          {t('dpoExports.personOf')}{' '}
          <Text span className="mono" fw={600}>
            {view.personCode}
          </Text>
        </Text>
        <Badge color={STATE_COLOR[view.state]} variant="light" data-testid="dpo-export-state">
          {t(`dpoExports.state.${view.state}`)}
        </Badge>
      </Group>
      {working(view) ? (
        <JobProgress
          queued={view.state === 'queued'}
          progress={progress}
          label={t('dpoExports.progressLabel')}
          testId="dpo-export-progress"
          text={
            view.state === 'queued'
              ? t('dpoExports.queued')
              : t('dpoExports.progressText', { done: progress?.done ?? 0, total: progress?.total ?? '?' })
          }
        />
      ) : null}
      {view.state === 'failed' ? (
        <Alert color="red" variant="light" role="alert">
          {t('dpoExports.failed')}
        </Alert>
      ) : null}
      {view.state === 'ready' || view.state === 'downloaded' ? (
        <Stack gap="sm" data-testid="dpo-export-review">
          <Title order={3} size="h5">
            {t('dpoExports.reviewTitle', { count: view.flagged.length })}
          </Title>
          {view.state === 'ready' || !view.flagged.length ? (
            <Text size="sm">{view.flagged.length ? t('dpoExports.reviewHelp') : t('dpoExports.reviewNone')}</Text>
          ) : null}
          {view.flagged.length && view.state === 'ready' ? (
            <ScrollTable label={t('dpoExports.reviewTitle', { count: view.flagged.length })}>
              <Table striped data-testid="dpo-export-flagged">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('dpoExports.col.reviewed')}</Table.Th>
                    <Table.Th scope="col">{t('dpoExports.col.section')}</Table.Th>
                    <Table.Th scope="col">{t('dpoExports.col.field')}</Table.Th>
                    <Table.Th scope="col">{t('dpoExports.col.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {view.flagged.map((f, i) => (
                    <Table.Tr key={`${f.table}-${f.rowId}-${f.field}`}>
                      <Table.Td>
                        <Checkbox
                          checked={reviewed.has(i)}
                          onChange={(e) => toggle(i, e.currentTarget.checked)}
                          aria-label={t('dpoExports.reviewedOne', { section: f.table, field: f.field, row: f.rowId.slice(0, 8) })}
                        />
                      </Table.Td>
                      <Table.Td className="mono">
                        {f.table}{' '}
                        <Text span size="xs" c="gray.7">
                          #{f.rowId.slice(0, 8)}
                        </Text>
                      </Table.Td>
                      <Table.Td className="mono">{f.field}</Table.Td>
                      <Table.Td>{t(`dpoExports.reason.${f.reason}`)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          ) : null}
          {view.counts ? (
            <Text size="sm" c="gray.7">
              {t('dpoExports.rows', { count: Object.values(view.counts).reduce((a, b) => a + b, 0) })}
              {view.size !== null ? ` · ${fmt.size(view.size)}` : ''}
            </Text>
          ) : null}
          {view.state === 'ready' ? (
            <Group>
              <Button
                component="a"
                href={urlOf('/api/dpo/exports/{id}/download', { path: { id: view.id } })}
                download
                onClick={(e) => {
                  if (!allReviewed) return e.preventDefault()
                  refresh()
                }}
                data-disabled={!allReviewed || undefined}
                aria-disabled={!allReviewed}
                leftSection={<IconDownload size={16} aria-hidden />}
                data-testid="dpo-export-download"
              >
                {t('dpoExports.download')}
              </Button>
              {!allReviewed ? (
                <Text size="sm" c="gray.7">
                  {t('dpoExports.reviewFirst')}
                </Text>
              ) : null}
            </Group>
          ) : (
            <Alert color="petrol" variant="light" data-testid="dpo-export-downloaded">
              {t('dpoExports.downloadedOn', { at: fmt.dateTimeShort(view.downloadedAt) })}
            </Alert>
          )}
        </Stack>
      ) : null}
    </Stack>
  )
}
