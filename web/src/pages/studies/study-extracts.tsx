import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { IconDownload } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { StudyView } from '../../../../common/contracts/studies.contracts'
import type { ExtractState, ExtractView } from '../../../../common/contracts/study-extracts.contracts'
import '../../components/stacked-table/stacked-table.css'
import { useMedia } from '../../components/use-media'
import { api, urlOf } from '../../api/client'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { JobProgress } from '../../components/job-progress'
import { isLanguage } from '../../i18n'
import { makeFormat } from '../../i18n/formatters'

const FORMATS = ['csv', 'xlsx', 'dictionary'] as const
const STATE_COLOR: Record<ExtractState, string> = { queued: 'gray', running: 'blue', ready: 'green', failed: 'red' }
const working = (e: Pick<ExtractView, 'state'>) => e.state === 'queued' || e.state === 'running'

/**
 * The extracts of an approved study, for its researchers and the DPO: run one (while the study
 * runs; the data dictionary comes in the interface's language), follow its preparation (a job on
 * the server: the list is asked again every second while one is being made), then download its
 * files. The server decides what may be extracted; the button only shows when it would say yes.
 */
export function StudyExtracts({ study }: { study: StudyView }) {
  const { t, i18n } = useTranslation()
  const phone = useMedia('(max-width: 62em)')
  const { data: me } = useMe()
  const queryClient = useQueryClient()
  const language = isLanguage(i18n.language) ? i18n.language : 'fr'
  const fmt = makeFormat(language)
  const mine = can(me, 'study.extract') && (me?.roles.includes('dpo') || study.researchers.some((r) => r.id === me?.id))
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' })
  const running = study.status === 'approved' && study.startsOn <= today && today <= study.endsOn
  const key = ['studies', 'extracts', study.id]
  const extracts = useQuery({
    queryKey: key,
    queryFn: () => api.get('/api/studies/{studyId}/extracts', { path: { studyId: study.id } }),
    // A closed study keeps the register of its extracts (their files are gone).
    enabled: Boolean(mine) && (study.status === 'approved' || study.status === 'closed'),
    refetchInterval: (q) => (q.state.data?.items.some(working) ? 1000 : false),
  })
  const run = useMutation({
    mutationFn: () => api.post('/api/studies/{studyId}/extracts', { path: { studyId: study.id }, body: { language } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  })
  if (!mine || (study.status !== 'approved' && study.status !== 'closed')) return null
  const items = extracts.data?.items ?? []
  // The server makes one extract of a study at a time (study.extract_in_progress).
  const making = items.some(working)
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="study-extracts">
      <Stack gap="sm">
        <Title order={2} size="h4" id="study-extracts">
          {t('studies.extracts.title')}
        </Title>
        <Text size="sm">{t(running ? 'studies.extracts.hint' : 'studies.extracts.notRunning')}</Text>
        <ErrorAlert error={run.error ?? extracts.error} />
        {running ? (
          <Group>
            <Text size="sm" c="gray.7" id="study-extract-run-hint">
              {t(making ? 'studies.extracts.making' : 'studies.extracts.runHint')}
            </Text>
            <Button
              onClick={() => run.mutate()}
              loading={run.isPending}
              disabled={making}
              aria-describedby="study-extract-run-hint"
              data-testid="study-extract-run"
            >
              {t('studies.extracts.run')}
            </Button>
          </Group>
        ) : null}
        {items.length === 0 ? (
          <Text size="sm" c="gray.7">
            {t('studies.extracts.empty')}
          </Text>
        ) : (
          <Table data-testid="study-extracts" className={phone ? 'stacked-table' : undefined}>
            <Table.Caption>{t('studies.extracts.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('studies.extracts.col.when')}</Table.Th>
                <Table.Th scope="col">{t('studies.extracts.col.by')}</Table.Th>
                <Table.Th scope="col">{t('studies.extracts.col.state')}</Table.Th>
                <Table.Th scope="col">{t('studies.extracts.col.records')}</Table.Th>
                <Table.Th scope="col">{t('studies.extracts.col.dropped')}</Table.Th>
                <Table.Th scope="col">{t('studies.extracts.col.files')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td className="nowrap" data-label={t('studies.extracts.col.when')}>
                    {fmt.dateTimeShort(e.createdAt)}
                  </Table.Td>
                  <Table.Td data-label={t('studies.extracts.col.by')}>{e.createdBy.displayName}</Table.Td>
                  <Table.Td data-label={t('studies.extracts.col.state')}>
                    <ExtractStateCell extract={e} />
                  </Table.Td>
                  <Table.Td data-label={t('studies.extracts.col.records')}>{e.state === 'ready' ? e.records : '—'}</Table.Td>
                  <Table.Td data-label={t('studies.extracts.col.dropped')}>
                    {e.state === 'ready' ? t('studies.extracts.droppedK', { count: e.dropped, k: e.k }) : '—'}
                  </Table.Td>
                  <Table.Td data-label={t('studies.extracts.col.files')}>
                    {e.state === 'failed' ? (
                      <Text size="sm" c="red.8" data-testid="study-extract-failure">
                        {t(
                          e.failure === 'study.not_extractable'
                            ? 'studies.extracts.failure.notExtractable'
                            : 'studies.extracts.failure.failed',
                        )}
                      </Text>
                    ) : e.purgedAt ? (
                      <Text size="sm" c="gray.7" data-testid="study-extract-purged">
                        {t('studies.extracts.purged', { date: fmt.date(e.purgedAt) })}
                      </Text>
                    ) : running && e.state === 'ready' ? (
                      <Group gap="sm">
                        {FORMATS.map((f) => (
                          <Anchor
                            key={f}
                            size="sm"
                            href={urlOf('/api/studies/{studyId}/extracts/{extractId}/{format}', {
                              path: { studyId: study.id, extractId: e.id, format: f },
                            })}
                            download
                            data-testid={`study-extract-${f}`}
                          >
                            <IconDownload size={14} aria-hidden /> {t(`studies.extracts.format.${f}`)}
                          </Anchor>
                        ))}
                      </Group>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  )
}

/** The extract's state; while it is made, how far the job has gone (announced politely to screen readers). */
function ExtractStateCell({ extract }: { extract: ExtractView }) {
  const { t } = useTranslation()
  const progress = extract.progress
  return (
    <Stack gap={4} miw={140}>
      <Badge color={STATE_COLOR[extract.state]} variant="light" data-testid="study-extract-state">
        {t(`studies.extracts.state.${extract.state}`)}
      </Badge>
      {working(extract) ? (
        <JobProgress
          queued={extract.state === 'queued'}
          progress={progress}
          label={t('studies.extracts.progressLabel')}
          testId="study-extract-progress"
          size="md"
          textSize="xs"
          text={
            extract.state === 'queued' || !progress
              ? t('studies.extracts.queuedText')
              : t('studies.extracts.progressText', { done: progress.done, total: progress.total ?? '?' })
          }
        />
      ) : null}
    </Stack>
  )
}
