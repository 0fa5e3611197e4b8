import { Text, Timeline as MTimeline } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { TIMELINE_EVENT_TYPES } from '../../../../common/vocabulary'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { useFormat } from '../../i18n/format'
import { Section } from './case-details'
import { useTimeline } from './use-accompaniment'

const KNOWN = new Set<string>(TIMELINE_EVENT_TYPES)

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
  const timeline = useTimeline(id, version)
  return (
    <Section id="case-timeline" title={t('timeline.title')}>
      <ErrorAlert error={timeline.error} />
      {timeline.isPending ? (
        <Loading />
      ) : timeline.data?.items.length ? (
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
          {timeline.data.items.map((e) => (
            <MTimeline.Item
              key={e.id}
              component="li"
              title={
                <Text component="span" fw={600}>
                  {KNOWN.has(e.type) ? t(`timeline.event.${e.type}`) : e.type}
                </Text>
              }
            >
              <Text size="sm" c="gray.7">
                {t('timeline.byOn', { actor: e.actorName ?? t('timeline.system'), at: fmt.dateTime(e.at) })}
              </Text>
              {e.type === 'assigned' ? <HandOver data={e.data} /> : null}
              {e.note ? (
                <Text size="sm" mt={4} className="pre-wrap">
                  {e.note}
                </Text>
              ) : null}
            </MTimeline.Item>
          ))}
        </MTimeline>
      ) : (
        <Text c="gray.7">{t('timeline.empty')}</Text>
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
