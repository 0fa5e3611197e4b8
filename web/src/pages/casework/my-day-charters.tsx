import { Anchor, Badge, Group, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconCertificate } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { MyDay } from '../../api/types'
import { useFormat } from '../../i18n/format'
import { MyDayBlock } from './my-day-block'

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
    <MyDayBlock id="my-day-charters" title={t('partnerCharters.title')} icon={<IconCertificate size={20} aria-hidden />}>
      {items.length ? (
        <Stack component="ul" gap="sm" className="plain-list" data-testid="my-day-charters">
          {items.map((c) => (
            // The date and its "overdue" on one line under the partner's name, so that on a phone the
            // badge cannot read as the next partner's.
            <li key={c.organisationId}>
              <Anchor component={Link} to={`/partners/${c.organisationId}`}>
                {c.name}
              </Anchor>
              <Group gap="xs" wrap="wrap">
                <Text size="sm">{t('partnerCharters.renewOn', { date: fmt.date(c.renewOn) })}</Text>
                {c.overdue ? (
                  <Badge variant="outline" color="orange" leftSection={<IconAlertTriangle size={14} aria-hidden />}>
                    {t('partnerCharters.overdue')}
                  </Badge>
                ) : null}
              </Group>
            </li>
          ))}
        </Stack>
      ) : (
        <Text c="gray.7">{t('partnerCharters.none')}</Text>
      )}
    </MyDayBlock>
  )
}
