import { Alert, Anchor, List, Text } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconHistory } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormat } from '../../i18n/format'
import { useRepeatCaller } from './use-contacts'

/**
 * Earlier contacts from the same phone number or e-mail, as the caller types them: "third call
 * this month". The server compares blind indexes only; contacts the user may not open are counted
 * and dated, never named.
 */
export function RepeatCaller({ phone, email, currentId }: { phone: string; email: string; currentId?: string }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const [p] = useDebouncedValue(phone, 500)
  const [e] = useDebouncedValue(email, 500)
  const found = useRepeatCaller(p, e)
  const items = (found.data?.items ?? []).filter((i) => i.id !== currentId)
  if (!items.length) return null
  return (
    <Alert
      variant="light"
      color="orange"
      icon={<IconHistory aria-hidden />}
      title={t('contacts.repeat.title', { count: items.length })}
      data-testid="repeat-caller"
      role="status"
    >
      <List size="sm" spacing={2}>
        {items.slice(0, 10).map((i, n) => (
          <List.Item key={i.id ?? `hidden-${n}`}>
            {i.readable && i.id ? (
              <Anchor component={Link} to={`/contacts/${i.id}`}>
                {fmt.dateTimeMinutes(i.occurredAt)}
              </Anchor>
            ) : (
              fmt.dateTimeMinutes(i.occurredAt)
            )}{' '}
            · {t(`contacts.channels.${i.channel}`)} · {t(`contacts.kinds.${i.callerKind}`)}
            {i.callerName ? ` · ${i.callerName}` : ''}
            <Text span c="gray.7" size="xs">
              {' '}
              ({t(`contacts.repeat.by.${i.matchedBy}`)})
            </Text>
          </List.Item>
        ))}
      </List>
      {items.some((i) => !i.readable) ? (
        <Text size="xs" mt={4}>
          {t('contacts.repeat.hidden')}
        </Text>
      ) : null}
    </Alert>
  )
}
