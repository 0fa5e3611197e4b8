import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { api } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { isLanguage } from '../../i18n'
import { makeFormat } from '../../i18n/formatters'
import { BRUSSELS, BreachClock } from './breach-clock'

/** On the DPO's landing: breaches not yet closed, each with its clock; nothing when there is none. */
export function OpenBreachesPanel() {
  const { t, i18n } = useTranslation()
  const lang = isLanguage(i18n.language) ? i18n.language : 'fr'
  const fmt = makeFormat(lang, BRUSSELS)
  const open = useQuery({
    queryKey: ['breaches', 'open'],
    queryFn: () => api.get('/api/breaches', { query: { state: 'open', limit: 100 } }),
  })
  if (open.error) return <ErrorAlert error={open.error} />
  if (!open.data || open.data.items.length === 0) return null
  return (
    <Paper component="section" aria-labelledby="open-breaches-title" data-testid="open-breaches" withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4" id="open-breaches-title">
          {t('registers.breaches.openTitle', { count: open.data.total })}
        </Title>
        <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {open.data.items.map((b) => (
            <Group component="li" key={b.id} gap="md" wrap="wrap">
              <Anchor component={Link} to={`/dpo/breaches/${b.id}`}>
                {t('registers.breaches.discoveredOn', { at: fmt.dateTimeShort(b.discoveredAt) })}
              </Anchor>
              <BreachClock breach={b} size="sm" />
            </Group>
          ))}
        </Stack>
        <Text size="sm">
          <Anchor component={Link} to="/dpo/breaches">
            {t('registers.breaches.all')}
          </Anchor>
        </Text>
      </Stack>
    </Paper>
  )
}
