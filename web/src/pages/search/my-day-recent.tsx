import { Anchor, Group, Stack, Text } from '@mantine/core'
import { IconHistory } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { usePrivacyScreen } from '../../components/person-name.hooks'
import { MyDayBlock } from '../casework/my-day-block'
import { useRecent } from './use-recent'

/** How many My day shows: a reminder of where one was, not a history. */
const SHOWN = 5

/**
 * My day's "recently viewed": the last cases and persons the user opened, as the server shows
 * them now (one lost access to is gone). Behind the privacy screen, codes only: My day is where
 * people work, with others around.
 */
export function MyDayRecent() {
  const { t } = useTranslation()
  const { masked } = usePrivacyScreen()
  const recent = useRecent(true)
  const items = (recent.data?.items ?? []).slice(0, SHOWN)
  if (recent.isError || recent.isPending) return null
  return (
    <MyDayBlock id="my-day-recent" title={t('globalSearch.recent')} icon={<IconHistory size={20} aria-hidden />}>
      {items.length ? (
        <Stack component="ul" gap="xs" className="plain-list" data-testid="my-day-recent">
          {items.map((item) => (
            <Group component="li" key={`${item.kind}:${item.id}`} gap="sm" wrap="wrap">
              <Anchor component={Link} to={item.link}>
                {masked ? item.code : item.label}
              </Anchor>
              <Text size="sm" c="gray.7">
                {t(`globalSearch.recentKinds.${item.kind}`)}
                {masked ? null : ` · ${item.code}`}
              </Text>
            </Group>
          ))}
        </Stack>
      ) : (
        <Text c="gray.7">{t('globalSearch.recentNone')}</Text>
      )}
    </MyDayBlock>
  )
}
