import { Alert, Anchor, List, Text } from '@mantine/core'
import { IconHistory } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { api } from '../../api/client'
import { useFormat } from '../../i18n/format'

/**
 * Earlier contacts from the number or address being typed, looked up by the server's blind index
 * (a POST: no number in a URL). Contacts the user may not read are counted and dated only.
 */
export function RepeatCaller({ phone, email, currentId }: { phone: string; email: string; currentId: string | null }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const enabled = phone.replace(/\D/g, '').length >= 8 || /.+@.+\..+/.test(email)
  const found = useQuery({
    queryKey: ['contacts', 'repeat', phone, email],
    queryFn: ({ signal }) => api.post('/api/contacts/repeat-caller', { body: { phone: phone || null, email: email || null }, signal }),
    enabled,
    staleTime: 30_000,
  })
  const earlier = (found.data?.items ?? []).filter((i) => i.id !== currentId)
  return (
    <div aria-live="polite" className="live-region-visible">
      {enabled && earlier.length > 0 ? (
        <Alert
          variant="light"
          color="orange"
          icon={<IconHistory aria-hidden />}
          title={t('contacts.repeatTitle', { count: earlier.length })}
          data-testid="repeat-caller"
        >
          <List size="sm">
            {earlier.map((i, n) => (
              <List.Item key={i.id ?? `hidden-${n}`}>
                {i.id ? (
                  <Anchor component={Link} to={`/contacts/${i.id}`}>
                    {fmt.dateTimeMinutes(i.occurredAt)}
                  </Anchor>
                ) : (
                  fmt.dateTimeMinutes(i.occurredAt)
                )}{' '}
                · {t(`contacts.channel.${i.channel}`)} · {t(`contacts.callerKind.${i.callerKind}`)}
                {i.callerName ? ` · ${i.callerName}` : ''}
              </List.Item>
            ))}
          </List>
          {earlier.some((i) => !i.readable) ? (
            <Text size="sm" mt="xs">
              {t('contacts.repeatHidden')}
            </Text>
          ) : null}
        </Alert>
      ) : null}
    </div>
  )
}
