import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { IconAlertTriangle, IconCertificate } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { MyDay } from '../../api/types'
import { useFormat } from '../../i18n/format'

/**
 * My day's partner charters (lead): the partner organisations whose partnership charter is to be
 * renewed within 30 days, or overdue, each linking to its directory page (/partners/:id). Shown
 * only when the server sends the list (it does to those who keep the directory).
 */
export function MyDayCharters({ day }: { day: MyDay }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const items = day.charterRenewals
  if (!items) return null
  return (
    <Paper component="section" aria-labelledby="my-day-charters">
      <Group gap="xs" mb="sm">
        <IconCertificate size={20} aria-hidden />
        <Title order={2} size="h4" id="my-day-charters">
          {t('partnerCharters.title')}
        </Title>
      </Group>
      {items.length ? (
        <Stack component="ul" gap="xs" className="plain-list" data-testid="my-day-charters">
          {items.map((c) => (
            <Group component="li" key={c.organisationId} gap="sm" wrap="wrap">
              <Anchor component={Link} to={`/partners/${c.organisationId}`}>
                {c.name}
              </Anchor>
              <Text size="sm">{t('partnerCharters.renewOn', { date: fmt.date(c.renewOn) })}</Text>
              {c.overdue ? (
                <Badge variant="outline" color="orange" leftSection={<IconAlertTriangle size={14} aria-hidden />}>
                  {t('partnerCharters.overdue')}
                </Badge>
              ) : null}
            </Group>
          ))}
        </Stack>
      ) : (
        <Text c="gray.7">{t('partnerCharters.none')}</Text>
      )}
    </Paper>
  )
}
