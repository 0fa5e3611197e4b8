import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { IconAlertTriangle, IconHeadset, IconPhoneOutgoing } from '@tabler/icons-react'
import type { z } from 'zod'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { MyDayContacts as Section } from '../../../../common/contracts/contacts.contracts'
import { useFormat } from '../../i18n/format'
import { DangerList } from '../contacts/danger-list'
import { CallBackNow } from '../contacts/queue-callbacks'
import type { ContactSummary } from '../contacts/vocabulary'

/** Who called, as the queue says it: the name when it was kept and may be shown, else the caller's kind. */
function useCaller() {
  const { t } = useTranslation()
  return (c: ContactSummary) => c.callerName ?? t(`contacts.kinds.${c.callerKind}`)
}

/** Emergencies no lead has acknowledged, or a line that says there are none. */
function Emergencies({ items }: { items: ContactSummary[] }) {
  const { t } = useTranslation()
  if (items.length === 0) return <Text c="gray.7">{t('myDayContacts.noDanger')}</Text>
  return <DangerList name="my-day" items={items} />
}

/** Call-backs due today or late, the late ones first: when, who, and "call back now". */
function Callbacks({ items, today }: { items: ContactSummary[]; today: string }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const caller = useCaller()
  if (items.length === 0) return <Text c="gray.7">{t('myDayContacts.noCallbacks')}</Text>
  return (
    <Stack component="ul" gap="sm" className="plain-list" data-testid="my-day-callbacks">
      {items.map((c) => (
        <Group component="li" key={c.id} gap="sm" wrap="wrap" justify="space-between" align="center">
          <div style={{ minWidth: 0 }}>
            <Group gap="xs" wrap="wrap">
              <Anchor component={Link} to={`/contacts/${c.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                {caller(c)}
              </Anchor>
              {c.callbackOn && c.callbackOn < today ? (
                <Badge variant="outline" color="orange" c="dark.8" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
                  {t('myDayContacts.late')}
                </Badge>
              ) : null}
            </Group>
            <Text size="sm" c="gray.7">
              {t('myDayContacts.callbackLine', {
                due: c.callbackOn ? fmt.date(c.callbackOn) : '—',
                date: fmt.dateTimeMinutes(c.occurredAt),
                channel: t(`contacts.channels.${c.channel}`),
              })}
            </Text>
          </div>
          <CallBackNow contact={c} />
        </Group>
      ))}
    </Stack>
  )
}

/**
 * The contact point on My day, shown only to the person on duty now (the server sends the section
 * to them alone): the emergencies waiting for a lead, then the call-backs due.
 */
export function MyDayContacts({ section }: { section: z.infer<typeof Section> | undefined }) {
  const { t } = useTranslation()
  if (!section) return null
  return (
    <Paper component="section" aria-labelledby="my-day-contacts" withBorder p="md" radius="md" data-testid="my-day-contacts">
      <Group gap="xs" mb="sm" wrap="nowrap" align="flex-start">
        <IconHeadset size={20} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
        <div>
          <Title order={2} size="h4" id="my-day-contacts">
            {t('myDayContacts.title')}
          </Title>
          <Text size="sm" c="gray.7">
            {t('myDayContacts.intro')}
          </Text>
        </div>
      </Group>
      <Stack gap="md">
        <Emergencies items={section.danger} />
        <div>
          <Group gap="xs" mb="xs" wrap="nowrap" align="flex-start">
            <IconPhoneOutgoing size={18} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
            <Title order={3} size="h5" id="my-day-callbacks-title">
              {t('myDayContacts.callbacks', { count: section.callbacks.length })}
            </Title>
          </Group>
          <Callbacks items={section.callbacks} today={section.today} />
        </div>
      </Stack>
    </Paper>
  )
}
