import { Text, Timeline as MTimeline } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { useFormat } from '../../i18n/format'
import { Section } from './case-details'
import { useTimeline } from './use-accompaniment'

const KNOWN = new Set([
  'created',
  'assigned',
  'break_glass',
  'suspend',
  'resume',
  'request_closure',
  'approve_closure',
  'refuse_closure',
  'reopen',
  'details_changed',
])

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
