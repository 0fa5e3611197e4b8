import { Alert, Anchor, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core'
import { IconInfoCircle, IconMessage, IconPlus } from '@tabler/icons-react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { PRACTICE_THEMES, type PracticeTheme } from '../../../../common/contracts/practice-notes.contracts'
import { LIFE_DOMAINS, type LifeDomain } from '../../../../common/contracts/desistance.contracts'
import { api } from '../../api/client'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { Pager } from '../../components/pager'
import { isLanguage } from '../../i18n'
import { makeFormat } from '../../i18n/formatters'
import { EvidenceLink } from './evidence-link'

const PAGE = 20
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  (list as readonly string[]).includes(v ?? '') ? (v as T) : undefined

/** Practice notes: observations and hypotheses about practice, newest first, filtered by theme and life domain. */
export function PracticeNotesPage() {
  const { t, i18n } = useTranslation()
  const fmt = makeFormat(isLanguage(i18n.language) ? i18n.language : 'fr')
  const me = useMe().data
  const [params, setParams] = useSearchParams()
  // Filters in the address: themes and domains are codes, never anything about someone.
  const theme = oneOf<PracticeTheme>(PRACTICE_THEMES, params.get('theme'))
  const domain = oneOf<LifeDomain>(LIFE_DOMAINS, params.get('domain'))
  const page = Math.max(1, Number(params.get('page')) || 1)
  const setFilter = (key: 'theme' | 'domain' | 'page', value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p)
        if (value) next.set(key, value)
        else next.delete(key)
        if (key !== 'page') next.delete('page')
        return next
      },
      { replace: true },
    )
  const list = useQuery({
    queryKey: ['practice-notes', theme ?? null, domain ?? null, page],
    queryFn: () => api.get('/api/practice-notes', { query: { theme, domain, limit: PAGE, offset: (page - 1) * PAGE } }),
    placeholderData: keepPreviousData,
  })
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('practiceNotes.list.title')}
        description={t('practiceNotes.list.intro')}
        actions={
          can(me, 'practice_note.write') ? (
            <Button component={Link} to="/practice-notes/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t('practiceNotes.list.new')}
            </Button>
          ) : null
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720} role="search" aria-label={t('practiceNotes.list.filters')}>
        <Select
          label={t('practiceNotes.fields.theme')}
          placeholder={t('practiceNotes.list.anyTheme')}
          value={theme ?? null}
          onChange={(v) => setFilter('theme', v)}
          data={PRACTICE_THEMES.map((c) => ({ value: c, label: t(`practiceNotes.themes.${c}`) }))}
          clearable
        />
        <Select
          label={t('practiceNotes.fields.domain')}
          placeholder={t('practiceNotes.list.anyDomain')}
          value={domain ?? null}
          onChange={(v) => setFilter('domain', v)}
          data={LIFE_DOMAINS.map((c) => ({ value: c, label: t(`lifeDomains.${c}`) }))}
          clearable
        />
      </SimpleGrid>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : list.data && list.data.items.length === 0 ? (
        <Alert variant="light" color="petrol" icon={<IconInfoCircle aria-hidden />}>
          {theme || domain ? t('practiceNotes.list.noMatch') : t('practiceNotes.list.empty')}
        </Alert>
      ) : list.data ? (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="practice-notes">
          {list.data.items.map((n) => (
            <Card component="li" key={n.id} withBorder padding="md" radius="md">
              <Stack gap={6}>
                <Text fw={600} size="lg" component="h2" m={0}>
                  <Anchor component={Link} to={`/practice-notes/${n.id}`}>
                    {n.title}
                  </Anchor>
                </Text>
                <Text size="sm" c="gray.7">
                  {t('practiceNotes.byline', { name: n.author.displayName, date: fmt.date(n.createdAt) })}
                </Text>
                <Group gap={6}>
                  {n.themes.map((c) => (
                    <Badge key={c} variant="light" color="petrol">
                      {t(`practiceNotes.themes.${c}`)}
                    </Badge>
                  ))}
                  {n.lifeDomains.map((c) => (
                    <Badge key={c} variant="outline" color="dark">
                      {t(`lifeDomains.${c}`)}
                    </Badge>
                  ))}
                </Group>
                <Group gap="lg">
                  {n.evidence ? <EvidenceLink evidence={n.evidence} /> : null}
                  <Group gap={4}>
                    <IconMessage size={16} aria-hidden />
                    <Text size="sm">{t('practiceNotes.comments.count', { count: n.comments })}</Text>
                  </Group>
                </Group>
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : null}
      {list.data && list.data.total > 0 ? (
        <Pager total={list.data.total} limit={PAGE} offset={(page - 1) * PAGE} onOffset={(o) => setFilter('page', String(o / PAGE + 1))} />
      ) : null}
    </Stack>
  )
}
