import { Chip, Group, Text, Timeline as MTimeline } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DERIVED_EVENT_TYPES, TIMELINE_KINDS, type TimelineKind } from '../../../../common/timeline'
import { TIMELINE_EVENT_TYPES } from '../../../../common/vocabulary'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { useFormat } from '../../i18n/format'
import { Section } from './case-details'
import { useTimeline } from './use-accompaniment'

const KNOWN = new Set<string>(TIMELINE_EVENT_TYPES)
const DERIVED = new Set<string>(DERIVED_EVENT_TYPES)
const FOLLOW_UP_COUNTS = [
  'tasksCancelled',
  'tasksHandedOver',
  'tasksKept',
  'sessionsCancelled',
  'sessionsHandedOver',
  'sessionsKept',
] as const

/** Open tasks and planned sessions a hand-over moved to the new primary worker, when there were any. */
function handedOver(data: Record<string, unknown> | null): { tasks: number; sessions: number } | null {
  const tasks = typeof data?.tasksMoved === 'number' ? data.tasksMoved : 0
  const sessions = typeof data?.sessionsMoved === 'number' ? data.sessionsMoved : 0
  return tasks || sessions ? { tasks, sessions } : null
}

/** Everything that happened to the case, newest first. */
export function CaseTimeline({ id, version }: { id: string; version: number }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const [kinds, setKinds] = useState<TimelineKind[]>([])
  const timeline = useTimeline(id, version)
  const items = (timeline.data?.items ?? []).filter((e) => kinds.length === 0 || kinds.includes(e.kind))
  return (
    <Section id="case-timeline" title={t('timeline.title')}>
      <Chip.Group multiple value={kinds} onChange={(v) => setKinds(v as TimelineKind[])}>
        <Group gap={6} mb="sm" role="group" aria-label={t('history.filters')} data-testid="timeline-filters">
          {TIMELINE_KINDS.map((k) => (
            <Chip key={k} value={k} size="xs" data-testid={`timeline-kind-${k}`}>
              {t(`history.kind.${k}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <ErrorAlert error={timeline.error} />
      {timeline.isPending ? (
        <Loading />
      ) : items.length ? (
        <MTimeline
          data-testid="timeline"
          component="ol"
          bulletSize={14}
          lineWidth={2}
          m={0}
          p={0}
          style={{ listStyle: 'none' }}
          active={-1}
        >
          {items.map((e) => (
            <MTimeline.Item
              key={e.id}
              component="li"
              title={
                <Text component="span" fw={600}>
                  {KNOWN.has(e.type)
                    ? t(`timeline.event.${e.type}`)
                    : DERIVED.has(e.type)
                      ? t(`history.event.${e.type}`, { version: e.data?.version ?? '', code: e.data?.code ?? '' })
                      : e.type}
                </Text>
              }
            >
              <Text size="sm" c="gray.7">
                {e.actorName || !DERIVED.has(e.type)
                  ? t('timeline.byOn', { actor: e.actorName ?? t('timeline.system'), at: fmt.dateTime(e.at) })
                  : t('history.on', { at: fmt.dateTime(e.at) })}
              </Text>
              {e.type === 'assigned' ? <HandOver data={e.data} /> : null}
              {e.type === 'approve_closure' ? <FollowUps data={e.data} /> : null}
              {e.note ? (
                <Text size="sm" mt={4} className="pre-wrap">
                  {e.note}
                </Text>
              ) : null}
            </MTimeline.Item>
          ))}
        </MTimeline>
      ) : (
        <Text c="gray.7">{t(kinds.length ? 'history.empty' : 'timeline.empty')}</Text>
      )}
    </Section>
  )
}

/** What a hand-over moved to the new primary worker, in words ("2 open tasks, 1 planned session"). */
function HandOver({ data }: { data: Record<string, unknown> | null }) {
  const { t } = useTranslation()
  const moved = handedOver(data)
  if (!moved) return null
  const what = [
    moved.tasks ? t('timeline.handedOverTasks', { count: moved.tasks }) : null,
    moved.sessions ? t('timeline.handedOverSessions', { count: moved.sessions }) : null,
  ]
    .filter(Boolean)
    .join(', ')
  return (
    <Text size="sm" mt={4}>
      {t('timeline.handedOver', { what })}
    </Text>
  )
}

/** What an approved closure did with the open tasks and planned sessions ("1 task cancelled with the closure"). */
function FollowUps({ data }: { data: Record<string, unknown> | null }) {
  const { t } = useTranslation()
  const name = typeof data?.handOverToName === 'string' ? data.handOverToName : ''
  const lines = FOLLOW_UP_COUNTS.flatMap((k) => {
    const count = typeof data?.[k] === 'number' ? data[k] : 0
    return count ? [t(`history.closed.${k}`, { count, name })] : []
  })
  if (lines.length === 0) return null
  return (
    <Text size="sm" mt={4} data-testid="closure-follow-ups">
      {lines.join(' · ')}
    </Text>
  )
}
