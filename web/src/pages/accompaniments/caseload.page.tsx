import { Alert, Anchor, Box, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query'
import { useDeferredValue, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { api } from '../../api/client'
import { can, useMe } from '../../auth/use-me'
import type { AccompanimentKind, AccompanimentStatus } from '../../api/types'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { Pager } from '../../components/pager'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import { KINDS, STATUSES } from './vocabulary'
import { AccessBadge, StatusBadge } from './badges'

const LIMIT = 25
const CASE_CODE = /^A[-\s]?[0-9A-Z]{4}[-\s]?[0-9A-Z]{4}$/i

/** My caseload: the cases I am assigned to, those of my team (lead), and emergency accesses. */
export function CaseloadPage() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const [status, setStatus] = useState<AccompanimentStatus | ''>('')
  const [kind, setKind] = useState<AccompanimentKind | ''>('')
  const [framework, setFramework] = useState<'voluntary' | 'judicial' | ''>('')
  const [codeText, setCodeText] = useState('')
  const [nameText, setNameText] = useState('')
  const [workerId, setWorkerId] = useState('')
  const [offset, setOffset] = useState(0)
  const me = useMe().data
  const lead = can(me, 'accompaniment.assign')
  // A lead picks among the members of their teams; anyone may narrow to their own cases.
  const teams = useQueries({
    queries: (lead ? (me?.teams ?? []) : []).map((team) => ({
      queryKey: ['teams', team.id, 'members'],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get('/api/teams/{id}/members', { path: { id: team.id }, signal }),
    })),
  })
  const workers = new Map<string, string>()
  for (const q of teams)
    for (const m of q.data?.items ?? [])
      if (m.id !== me?.id && m.roles.some((r) => r === 'worker' || r === 'lead')) workers.set(m.id, m.displayName)
  // A case code filters once it is whole (A-XXXX-XXXX, typed with or without dashes).
  const code = CASE_CODE.test(codeText.trim()) ? codeText.trim() : undefined
  // A name filters from three letters (beginnings are found from three); it travels in a POST body, never in a URL.
  const typedName = useDeferredValue(nameText.trim())
  const name = typedName.length >= 3 ? typedName : undefined
  const filtering = !!(status || kind || framework || code || name || workerId)
  const list = useQuery({
    queryKey: ['accompaniments', 'list', status, kind, framework, code, name, workerId, offset],
    queryFn: ({ signal }) =>
      api.post('/api/accompaniments/search', {
        body: {
          status: status || undefined,
          kind: kind || undefined,
          framework: framework || undefined,
          code,
          name,
          workerId: workerId || undefined,
          limit: LIMIT,
          offset,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  })

  return (
    <Stack gap="lg">
      <PageHeader title={t('caseload.title')} description={t('caseload.intro')} />
      <Group align="flex-end" gap="md" role="search" aria-label={t('caseloadFilters.label')} data-testid="caseload-filters">
        <TextInput
          label={t('caseloadFilters.name')}
          description={t('caseloadFilters.nameHelp')}
          value={nameText}
          onChange={(e) => {
            setNameText(e.currentTarget.value)
            setOffset(0)
          }}
          autoComplete="off"
          maw={260}
        />
        <TextInput
          label={t('caseloadFilters.code')}
          description={t('caseloadFilters.codeHelp')}
          value={codeText}
          onChange={(e) => {
            setCodeText(e.currentTarget.value)
            setOffset(0)
          }}
          // Monospace for the code typed, not for the label and its help.
          classNames={{ input: 'mono' }}
          maw={220}
        />
        <Select
          label={t('accompaniment.kindLabel')}
          data={[
            { value: '', label: t('caseloadFilters.allKinds') },
            ...KINDS.map((k) => ({ value: k, label: t(`accompaniment.kind.${k}`) })),
          ]}
          value={kind}
          onChange={(v) => {
            setKind((v ?? '') as AccompanimentKind | '')
            setOffset(0)
          }}
          allowDeselect={false}
          maw={240}
        />
        <Select
          label={t('accompaniment.frameworkLabel')}
          data={[
            { value: '', label: t('caseloadFilters.allFrameworks') },
            ...(['voluntary', 'judicial'] as const).map((f) => ({ value: f, label: t(`accompaniment.framework.${f}`) })),
          ]}
          value={framework}
          onChange={(v) => {
            setFramework((v ?? '') as 'voluntary' | 'judicial' | '')
            setOffset(0)
          }}
          allowDeselect={false}
          maw={240}
        />
        <Select
          label={t('caseloadFilters.worker')}
          data={[
            { value: '', label: t('caseloadFilters.allWorkers') },
            ...(me ? [{ value: me.id, label: t('caseloadFilters.me') }] : []),
            ...[...workers].map(([value, label]) => ({ value, label })),
          ]}
          value={workerId}
          onChange={(v) => {
            setWorkerId(v ?? '')
            setOffset(0)
          }}
          allowDeselect={false}
          searchable={workers.size > 8}
          maw={260}
        />
        <Select
          label={t('caseload.statusFilter')}
          data={[
            { value: '', label: t('caseload.allStatuses') },
            ...STATUSES.map((s) => ({ value: s, label: t(`accompaniment.status.${s}`) })),
          ]}
          value={status}
          onChange={(v) => {
            setStatus((v ?? '') as AccompanimentStatus | '')
            setOffset(0)
          }}
          allowDeselect={false}
          maw={320}
        />
      </Group>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : list.data && list.data.items.length === 0 ? (
        <Alert variant="light" color="petrol" icon={<IconInfoCircle aria-hidden />} title={t('caseload.emptyTitle')}>
          {filtering
            ? t(status && !kind && !framework && !code && !name && !workerId ? 'caseload.emptyFiltered' : 'caseloadFilters.empty')
            : t('caseload.empty')}
        </Alert>
      ) : list.data ? (
        <Stack gap="sm">
          <ScrollTable label={t('caseload.caption')}>
            <Table data-testid="caseload" striped highlightOnHover verticalSpacing="sm" horizontalSpacing="sm">
              <Table.Caption>{t('caseload.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('accompaniment.code')}</Table.Th>
                  <Table.Th scope="col">{t('accompaniment.person')}</Table.Th>
                  {/* Between a tablet and a wide screen, framework and access go under kind and status, the last change under the name. */}
                  <FoldedHeader label={t('accompaniment.kindLabel')} folded={t('accompaniment.frameworkLabel')} />
                  <Table.Th scope="col" className="wide-screen-only">
                    {t('accompaniment.frameworkLabel')}
                  </Table.Th>
                  <FoldedHeader label={t('accompaniment.statusLabel')} folded={t('accompaniment.accessLabel')} />
                  <Table.Th scope="col" className="wide-screen-only">
                    {t('accompaniment.accessLabel')}
                  </Table.Th>
                  <Table.Th scope="col" className="wide-screen-only">
                    {t('caseload.lastChange')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Th scope="row" className="mono nowrap">
                      <Anchor component={Link} to={`/accompaniments/${a.id}`} fw={600}>
                        {a.code}
                      </Anchor>
                    </Table.Th>
                    <Table.Td>
                      <div>{a.personName}</div>
                      <Text size="sm" c="gray.7" className="nowrap below-wide-screen" visibleFrom="md" data-testid="caseload-row-changed">
                        {fmt.dateTimeShort(a.updatedAt)}
                      </Text>
                      {/* On a phone (or beside the side bar on a tablet) the five columns that do not fit give way to a line under the name. */}
                      <Stack gap={4} mt={4} align="flex-start" hiddenFrom="md" data-testid="caseload-row-details">
                        <Text size="sm" c="gray.7">
                          {[
                            t(`accompaniment.kind.${a.kind}`),
                            t(`accompaniment.framework.${a.framework}`),
                            fmt.dateTimeShort(a.updatedAt),
                          ].join(' · ')}
                        </Text>
                        <Group gap={6} className="badges-wrap">
                          <StatusBadge status={a.status} />
                          <AccessBadge access={a.access} />
                        </Group>
                      </Stack>
                    </Table.Td>
                    <Table.Td visibleFrom="md">
                      {t(`accompaniment.kind.${a.kind}`)}
                      <Text size="sm" c="gray.7" className="below-wide-screen" data-testid="caseload-row-framework">
                        {t(`accompaniment.framework.${a.framework}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td className="wide-screen-only">{t(`accompaniment.framework.${a.framework}`)}</Table.Td>
                    <Table.Td visibleFrom="md">
                      <Stack gap={6} align="flex-start">
                        <StatusBadge status={a.status} />
                        <Box className="below-wide-screen">
                          <AccessBadge access={a.access} />
                        </Box>
                      </Stack>
                    </Table.Td>
                    <Table.Td className="wide-screen-only">
                      <AccessBadge access={a.access} />
                    </Table.Td>
                    <Table.Td className="wide-screen-only">
                      <Text size="sm">{fmt.dateTimeShort(a.updatedAt)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <Pager total={list.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />
        </Stack>
      ) : null}
    </Stack>
  )
}

/** A column's header that, below a wide screen, also names the column folded into it. */
function FoldedHeader({ label, folded }: { label: string; folded: string }) {
  return (
    <Table.Th scope="col" visibleFrom="md">
      {label}
      <Text span inherit className="below-wide-screen">
        {' · '}
        {folded}
      </Text>
    </Table.Th>
  )
}
