import { Alert, Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { IconInfoCircle, IconLock } from '@tabler/icons-react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { PersonSummary } from '../../api/types'
import { matchDetails, matchName } from './person-match'

/**
 * The persons a search found, best match first. A record the caller may open is a link with its
 * code; anyone else is "J. Dupont · 1998 · Liège", with no way into the record, and a word on whom
 * to ask. A list rather than a table, so that a phone shows each person whole.
 */
export function PersonResults(props: { items: PersonSummary[]; capped: boolean; cap: number; term: string; broad: boolean }) {
  const { t } = useTranslation()
  const heading = useId()
  return (
    <Paper component="section" aria-labelledby={heading} data-testid="person-results" p={0}>
      <Title order={2} size="h4" id={heading} px="md" pt="md" pb="xs">
        {t('personSearch.resultsTitle', { q: props.term })}
      </Title>
      {props.capped ? (
        <Alert
          variant="light"
          color="orange"
          mx="md"
          mb="sm"
          icon={<IconInfoCircle aria-hidden />}
          title={t('personSearch.cappedTitle', { n: props.cap })}
        >
          {props.broad ? t('personSearch.cappedBroad') : t('personSearch.capped')}
        </Alert>
      ) : null}
      <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }}>
        {props.items.map((p, i) => (
          <Group
            component="li"
            key={p.readable ? p.id : `reduced-${i}`}
            justify="space-between"
            align="center"
            wrap="wrap"
            gap="xs"
            px="md"
            py="sm"
            style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
            data-testid={p.readable ? 'person-result' : 'person-result-reduced'}
          >
            <Stack gap={2}>
              {p.readable ? (
                <Anchor component={Link} to={`/persons/${p.id}`} fw={600}>
                  {matchName(p)}
                </Anchor>
              ) : (
                <Text fw={600}>{matchName(p)}</Text>
              )}
              <Text size="sm" c="gray.7">
                {matchDetails(p) ?? t('personSearch.noDetails')}
                {p.readable ? (
                  <>
                    {' · '}
                    <span className="mono">{p.code}</span>
                  </>
                ) : null}
              </Text>
            </Stack>
            <Group gap={6}>
              {p.match === 'close' ? (
                <Badge variant="outline" color="gray" radius="sm" c="gray.8">
                  {t('personSearch.closeSpelling')}
                </Badge>
              ) : null}
              {p.readable ? null : (
                <Badge variant="light" color="gray" radius="sm" c="gray.8" leftSection={<IconLock size={12} aria-hidden />}>
                  {t('persons.restricted')}
                </Badge>
              )}
            </Group>
          </Group>
        ))}
      </Stack>
      {props.items.some((p) => !p.readable) ? (
        <Text size="sm" c="gray.7" px="md" pb="md" pt="xs">
          {t('personSearch.reducedHelp')}
        </Text>
      ) : null}
    </Paper>
  )
}
