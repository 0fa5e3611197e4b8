import { List, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { useFormat } from '../../i18n/format'
import { useContactHistory } from './use-contacts'

const shown = (v: unknown): string =>
  v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v)

/** Every change of a final contact: who, when, which fields, from what to what. */
export function ContactHistory({ id }: { id: string }) {
  const { t, i18n } = useTranslation()
  const fmt = useFormat()
  const history = useContactHistory(id, true)
  const field = (f: string) => (i18n.exists(`contacts.fields.${f}`) ? t(`contacts.fields.${f}`) : f)
  return (
    <Stack gap="xs" component="section" aria-labelledby="contact-history">
      <Title order={2} id="contact-history" size="h3">
        {t('contacts.history.title')}
      </Title>
      <ErrorAlert error={history.error} />
      {history.isPending ? (
        <Loading />
      ) : history.data && history.data.items.length === 0 ? (
        <Text c="gray.7">{t('contacts.history.empty')}</Text>
      ) : (
        <List spacing="xs" data-testid="contact-history">
          {history.data?.items.map((h) => (
            <List.Item key={`${h.version}-${h.at}`}>
              <Text size="sm" fw={600}>
                {fmt.dateTimeMinutes(h.at)} · {t(`contacts.history.kinds.${h.kind}`)}
                {h.actorName ? ` · ${h.actorName}` : ''}
              </Text>
              {h.changes.length ? (
                <List size="sm" withPadding>
                  {h.changes.map((c) => (
                    <List.Item key={c.field}>
                      {field(c.field)} : {shown(c.old)} → {shown(c.new)}
                    </List.Item>
                  ))}
                </List>
              ) : null}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  )
}
