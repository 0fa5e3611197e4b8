import { BarChart } from '@mantine/charts'
import { Anchor, Badge, Box, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core'
import { useMutation, useQuery } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { z } from 'zod'
import type { AccessReviewUser } from '../../../../common/contracts/access-review.contracts'
import { api } from '../../api/client'
import { can, useMe } from '../../auth/use-me'
import { DateField } from '../../components/date-field'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import { subjectPath } from './audit-vocabulary'

const DAY = 86_400_000
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const lastMonth = () => ({ from: isoDay(Date.now() - 29 * DAY), to: isoDay(Date.now()) })

/**
 * The DPO's access review: per account, persons and cases read per day over a period, the
 * accounts that stand out first (a day at 10× their own median, many break-the-glass grants);
 * one account's days as a chart (its numbers in a table too) and what it read, by code; and
 * "who read this person", asked by code or by name in a POST body.
 */
export function AccessReviewPage() {
  const { t } = useTranslation()
  const [draft, setDraft] = useState(lastMonth)
  const [period, setPeriod] = useState(draft)
  const [selected, setSelected] = useState<string | null>(null)
  const review = useQuery({
    queryKey: ['audit', 'access-review', period],
    queryFn: ({ signal }) => api.get('/api/audit/access-review', { query: period, signal }),
  })
  const user = review.data?.users.find((u) => u.actorId === selected) ?? null
  const apply = (e: FormEvent) => {
    e.preventDefault()
    setPeriod(draft)
    setSelected(null)
  }
  return (
    <Stack gap="xl">
      <PageHeader title={t('accessReview.title')} description={t('accessReview.intro')} />
      <Anchor component={Link} to="/audit">
        {t('accessReview.backToLog')}
      </Anchor>
      <Paper component="form" onSubmit={apply} aria-labelledby="review-period-title">
        <Title order={2} size="h4" id="review-period-title" mb="sm">
          {t('accessReview.periodTitle')}
        </Title>
        <Group align="end" wrap="wrap">
          <DateField label={t('accessReview.from')} value={draft.from} onChange={(from) => setDraft((d) => ({ ...d, from }))} required />
          <DateField label={t('accessReview.to')} value={draft.to} onChange={(to) => setDraft((d) => ({ ...d, to }))} required />
          <Button type="submit">{t('accessReview.show')}</Button>
        </Group>
      </Paper>
      <ErrorAlert error={review.error} />
      {review.isPending ? (
        <Loading />
      ) : review.data ? (
        <Paper component="section" aria-labelledby="review-users-title">
          <Title order={2} size="h4" id="review-users-title" mb="xs">
            {t('accessReview.usersTitle')}
          </Title>
          <Text size="sm" c="gray.7" mb="sm">
            {t('accessReview.rule', { ratio: review.data.ratio, floor: review.data.floor, grants: review.data.breakGlassFloor })}
          </Text>
          {review.data.users.length === 0 ? (
            <Text role="status">{t('accessReview.noReads')}</Text>
          ) : (
            <UsersTable users={review.data.users} selected={selected} onSelect={setSelected} />
          )}
        </Paper>
      ) : null}
      {user ? <UserDetail user={user} period={period} /> : null}
      <ReadersPanel period={period} />
    </Stack>
  )
}

type ReviewUser = z.infer<typeof AccessReviewUser>

function FlagBadges({ flags, wrap = false }: { flags: string[]; wrap?: boolean }) {
  const { t } = useTranslation()
  if (flags.length === 0) return <Text size="sm">{t('accessReview.noFlag')}</Text>
  return (
    <Group gap={4} className={wrap ? 'badges-wrap' : undefined}>
      {flags.map((f) => (
        <Badge key={f} color="red.8" variant="filled" data-testid="review-flag">
          {t(`accessReview.flags.${f}`)}
        </Badge>
      ))}
    </Group>
  )
}

function UsersTable({ users, selected, onSelect }: { users: ReviewUser[]; selected: string | null; onSelect: (id: string) => void }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  return (
    <ScrollTable label={t('accessReview.usersTable')} stack="fields">
      {(folded) => {
        // Eight columns where they fit; where they do not (1,024 px beside the side bar), the flags
        // and the button go under the user's name and the five figures keep their columns.
        const details = (u: ReviewUser) => (
          <Button
            size="xs"
            variant={selected === u.actorId ? 'filled' : 'light'}
            aria-pressed={selected === u.actorId}
            onClick={() => onSelect(u.actorId)}
            // The column is narrow: the button shows a short word, and says whose detail it opens to a screen reader.
            aria-label={t('accessReview.showUser', { name: u.actorName ?? t('accessReview.unknownUser') })}
          >
            {t('accessReview.details')}
          </Button>
        )
        return (
          <Table data-testid="review-users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{folded ? t('accessReview.userAndFlags') : t('accessReview.user')}</Table.Th>
                {folded ? null : <Table.Th scope="col">{t('accessReview.flagsTitle')}</Table.Th>}
                <Table.Th scope="col" ta="right">
                  {t('accessReview.persons')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('accessReview.cases')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('accessReview.median')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('accessReview.peak')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('accessReview.grants')}
                </Table.Th>
                {folded ? null : (
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('accessReview.details')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.map((u) => (
                <Table.Tr key={u.actorId}>
                  <Table.Th scope="row" fw={500}>
                    <div data-testid="review-user-name">{u.actorName ?? t('accessReview.unknownUser')}</div>
                    {folded ? (
                      <Stack gap={6} mt={6} align="flex-start">
                        <FlagBadges flags={u.flags} wrap />
                        {details(u)}
                      </Stack>
                    ) : null}
                  </Table.Th>
                  {folded ? null : (
                    <Table.Td>
                      <FlagBadges flags={u.flags} />
                    </Table.Td>
                  )}
                  <Table.Td ta="right">{fmt.number(u.persons)}</Table.Td>
                  <Table.Td ta="right">{fmt.number(u.cases)}</Table.Td>
                  <Table.Td ta="right">{fmt.number(u.medianPersons)}</Table.Td>
                  <Table.Td ta="right">{fmt.number(u.peakPersons)}</Table.Td>
                  <Table.Td ta="right">{fmt.number(u.breakGlassGrants)}</Table.Td>
                  {folded ? null : <Table.Td>{details(u)}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      }}
    </ScrollTable>
  )
}

function UserDetail({ user, period }: { user: ReviewUser; period: { from: string; to: string } }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const me = useMe()
  const reads = useQuery({
    queryKey: ['audit', 'access-review', 'user', user.actorId, period],
    queryFn: ({ signal }) => api.get('/api/audit/access-review/users/{id}', { path: { id: user.actorId }, query: period, signal }),
  })
  const persons = t('accessReview.persons')
  const name = user.actorName ?? t('accessReview.unknownUser')
  const link = (type: 'person' | 'accompaniment', id: string, code: string) => {
    const path = subjectPath((p) => can(me.data, p), { subjectType: type, subjectId: id })
    return path ? (
      <Anchor component={Link} to={path} className="mono nowrap">
        {code}
      </Anchor>
    ) : (
      <span className="mono nowrap">{code}</span>
    )
  }
  return (
    <Paper component="section" aria-labelledby="review-user-title" data-testid="review-user">
      <Title order={2} size="h4" id="review-user-title" mb="sm">
        {t('accessReview.userTitle', { name })}
      </Title>
      <Box aria-hidden inert className="chart-figure" mb="sm">
        <BarChart
          h={180}
          data={user.days.map((d) => ({ day: fmt.dayMonth(d.day, 'short'), [persons]: d.persons, outlier: d.outlier }))}
          dataKey="day"
          series={[{ name: persons, color: 'petrol.6' }]}
          getBarColor={(_v, s) => ((s as { payload?: { outlier?: boolean } })?.payload?.outlier ? 'red.8' : 'petrol.6')}
          withTooltip={false}
          accessibilityLayer={false}
          barProps={{ isAnimationActive: false }}
          referenceLines={[{ y: user.medianPersons, label: t('accessReview.median'), color: 'gray.6' }]}
        />
      </Box>
      <ScrollTable label={t('accessReview.daysCaption', { name })}>
        <Table data-testid="review-days" verticalSpacing={4}>
          <Table.Caption>{t('accessReview.daysCaption', { name })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('accessReview.day')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {persons}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('accessReview.cases')}
              </Table.Th>
              <Table.Th scope="col">{t('accessReview.flagsTitle')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {user.days.map((d) => (
              <Table.Tr key={d.day}>
                <Table.Th scope="row" fw={400}>
                  {fmt.day(d.day)}
                </Table.Th>
                <Table.Td ta="right">{fmt.number(d.persons)}</Table.Td>
                <Table.Td ta="right">{fmt.number(d.cases)}</Table.Td>
                <Table.Td>{d.outlier ? <Badge color="red.8">{t('accessReview.outlierDay')}</Badge> : null}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Title order={3} size="h5" mt="md" mb="xs">
        {t('accessReview.whatRead', { name })}
      </Title>
      <ErrorAlert error={reads.error} />
      {reads.isPending ? (
        <Loading />
      ) : reads.data ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <CountTable
            caption={t('accessReview.personsRead', { count: reads.data.persons.length })}
            rows={reads.data.persons.map((p) => ({ key: p.personId, ref: link('person', p.personId, p.code), ...p }))}
            testId="review-user-persons"
          />
          <CountTable
            caption={t('accessReview.casesRead', { count: reads.data.cases.length })}
            rows={reads.data.cases.map((c) => ({ key: c.caseId, ref: link('accompaniment', c.caseId, c.code), ...c }))}
            testId="review-user-cases"
          />
        </SimpleGrid>
      ) : null}
    </Paper>
  )
}

function CountTable({
  caption,
  rows,
  testId,
}: {
  caption: string
  rows: { key: string; ref: React.ReactNode; reads: number; firstAt: string; lastAt: string }[]
  testId: string
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  return (
    <ScrollTable label={caption}>
      <Table data-testid={testId} verticalSpacing={4}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('accessReview.code')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('accessReview.reads')}
            </Table.Th>
            <Table.Th scope="col">{t('accessReview.first')}</Table.Th>
            <Table.Th scope="col">{t('accessReview.last')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Th scope="row" fw={400}>
                {r.ref}
              </Table.Th>
              <Table.Td ta="right">{fmt.number(r.reads)}</Table.Td>
              <Table.Td>{fmt.dateTimeShort(r.firstAt)}</Table.Td>
              <Table.Td>{fmt.dateTimeShort(r.lastAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  )
}

/** "Who read this person": the code, or first and last name sent in the body (never a URL). */
function ReadersPanel({ period }: { period: { from: string; to: string } }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const [code, setCode] = useState('')
  const [name, setName] = useState('')
  const ask = useMutation({
    mutationFn: () =>
      api.post('/api/audit/access-review/readers', {
        body: { ...period, ...(code.trim() ? { personCode: code.trim() } : { personName: name.trim() }) },
      }),
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (code.trim() || name.trim()) ask.mutate()
  }
  const codes = ask.data?.matchedCodes ?? []
  return (
    <Paper component="section" aria-labelledby="review-readers-title">
      <Title order={2} size="h4" id="review-readers-title" mb="sm">
        {t('accessReview.readersTitle')}
      </Title>
      <form onSubmit={submit}>
        <Group align="end" wrap="wrap">
          <TextInput
            label={t('accessReview.personCode')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            classNames={{ input: 'mono' }}
          />
          <TextInput
            label={t('accessReview.personName')}
            description={t('accessReview.personNameHint')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            disabled={!!code.trim()}
            autoComplete="off"
          />
          <Button type="submit" loading={ask.isPending}>
            {t('accessReview.ask')}
          </Button>
        </Group>
      </form>
      <ErrorAlert error={ask.error} />
      {ask.data ? (
        <Stack gap="xs" mt="md">
          <Text role="status" data-testid="review-readers-summary">
            {codes.length === 0
              ? t('accessReview.nobodyMatched')
              : t('accessReview.readersOf', { count: ask.data.readers.length, codes: codes.join(', ') })}
          </Text>
          {ask.data.readers.length > 0 ? (
            <ScrollTable label={t('accessReview.readersTable')}>
              <Table data-testid="review-readers">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('accessReview.user')}</Table.Th>
                    <Table.Th scope="col">{t('accessReview.roles')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('accessReview.reads')}
                    </Table.Th>
                    <Table.Th scope="col">{t('accessReview.first')}</Table.Th>
                    <Table.Th scope="col">{t('accessReview.last')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {ask.data.readers.map((r) => (
                    <Table.Tr key={r.actorId}>
                      <Table.Th scope="row" fw={500}>
                        {r.actorName ?? t('accessReview.unknownUser')}
                      </Table.Th>
                      <Table.Td>{r.roles.map((role) => t(`roles.${role}`, { defaultValue: role })).join(', ')}</Table.Td>
                      <Table.Td ta="right">{fmt.number(r.reads)}</Table.Td>
                      <Table.Td>{fmt.dateTimeShort(r.firstAt)}</Table.Td>
                      <Table.Td>{fmt.dateTimeShort(r.lastAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          ) : null}
        </Stack>
      ) : null}
    </Paper>
  )
}
