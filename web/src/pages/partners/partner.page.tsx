import { Anchor, Badge, Box, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { IconArrowLeft, IconPencil } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { useFormat } from '../../i18n/format'
import { PartnerActivitySection } from './partner-activity'
import { CoverageList } from './partner-coverage'
import { CapacityBadge } from './partner-result'
import { type Organisation, useLanguageName, useNeedLabel, useOrganisation } from './use-partners'
import { serviceToday } from '../../i18n/service-day'

/** A labelled block of text, left out when there is nothing to say. */
function Field({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null
  return (
    <div>
      <Text fw={600} size="sm">
        {label}
      </Text>
      <Text component="div" size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  )
}

/** Whether the service's partnership charter is signed, since when and until when. */
function Charter({ o }: { o: Organisation }) {
  const { t } = useTranslation()
  const f = useFormat()
  const overdue = o.charterRenewOn !== null && o.charterRenewOn < serviceToday()
  return (
    <Stack gap={4} data-testid="partner-charter">
      <Group gap="xs">
        <Badge
          component="span"
          variant="light"
          radius="sm"
          color={o.charterSignedOn ? 'green' : 'gray'}
          c={o.charterSignedOn ? 'green.9' : 'gray.8'}
        >
          {o.charterSignedOn ? t('partners.charter.signed') : t('partners.charter.unsigned')}
        </Badge>
        {overdue ? (
          <Badge component="span" variant="light" radius="sm" color="orange" c="orange.9">
            {t('partners.charter.overdue')}
          </Badge>
        ) : null}
      </Group>
      {o.charterSignedOn ? <Text size="sm">{t('partners.charter.signedOn', { date: f.date(o.charterSignedOn) })}</Text> : null}
      {o.charterRenewOn ? <Text size="sm">{t('partners.charter.renewOn', { date: f.date(o.charterRenewOn) })}</Text> : null}
    </Stack>
  )
}

/** An organisation of the network: who they are, what they stand for, who to call, and their services. */
export function PartnerPage() {
  const { t } = useTranslation()
  const { id } = useParams()
  const me = useMe().data
  const org = useOrganisation(id)
  const language = useLanguageName()
  const need = useNeedLabel()
  if (org.isPending) return <Loading />
  if (!org.data) return <ErrorAlert error={org.error} />
  const o = org.data
  const audiences = (codes: readonly string[]) => codes.map((a) => t(`partners.audiences.${a}`)).join(', ')
  return (
    <>
      <Anchor component={Link} to="/partners" size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={16} aria-hidden />
        {t('partners.backToSearch')}
      </Anchor>
      <PageHeader
        title={o.name}
        description={o.alternateName ?? undefined}
        actions={
          can(me, 'partner_directory.manage') ? (
            <Button component={Link} to={`/partners/${o.id}/edit`} leftSection={<IconPencil size={18} aria-hidden />}>
              {t('partners.edit')}
            </Button>
          ) : null
        }
      />
      {!o.active ? (
        <Badge component="span" color="gray" c="gray.8" variant="light" radius="sm" mb="sm">
          {t('partners.inactive')}
        </Badge>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" mb="lg">
        <Stack gap="sm">
          <Field label={t('partners.fields.description')}>{o.description}</Field>
          <Field label={t('partners.fields.missions')}>{o.missions}</Field>
          <Field label={t('partners.fields.goals')}>{o.goals}</Field>
          <Field label={t('partners.fields.ethics')}>{o.ethics}</Field>
        </Stack>
        <Stack gap="sm">
          <div>
            <Text fw={600} size="sm">
              {t('partners.charter.title')}
            </Text>
            <Charter o={o} />
          </div>
          <Field label={t('partners.fields.audiences')}>{audiences(o.audiences)}</Field>
          <Field label={t('partners.languages')}>{o.languages.map((l) => language(l)).join(', ')}</Field>
          <Field label={t('partners.fields.accessibility')}>{o.accessibility}</Field>
          <Field label={t('partners.fields.email')}>{o.email ? <Anchor href={`mailto:${o.email}`}>{o.email}</Anchor> : null}</Field>
          <Field label={t('partners.fields.referralEmail')}>
            {o.referralEmail ? <Anchor href={`mailto:${o.referralEmail}`}>{o.referralEmail}</Anchor> : null}
          </Field>
          <Field label={t('partners.fields.website')}>
            {o.website ? (
              <Anchor href={o.website} target="_blank" rel="noopener noreferrer">
                {o.website}
              </Anchor>
            ) : null}
          </Field>
        </Stack>
      </SimpleGrid>
      {can(me, 'partner_activity.read_all') ? (
        <Box mb="lg">
          <PartnerActivitySection organisationId={o.id} />
        </Box>
      ) : null}
      <section aria-labelledby="partner-contacts">
        <Title order={2} size="h3" id="partner-contacts" mb="xs">
          {t('partners.contacts.title')}
        </Title>
        {o.contacts.length ? (
          <List spacing={4} mb="lg" data-testid="partner-contacts">
            {o.contacts.map((c) => (
              <List.Item key={c.id}>
                <Text span fw={600}>
                  {c.name}
                </Text>
                {c.title ? ` — ${c.title}` : ''}
                {c.email ? (
                  <>
                    {' · '}
                    <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor>
                  </>
                ) : null}
                {c.phone ? (
                  <>
                    {' · '}
                    <span style={{ whiteSpace: 'nowrap' }}>{c.phone}</span>
                  </>
                ) : null}
              </List.Item>
            ))}
          </List>
        ) : (
          <Text mb="lg">{t('partners.contacts.none')}</Text>
        )}
      </section>
      <section aria-labelledby="partner-services">
        <Title order={2} size="h3" id="partner-services" mb="xs">
          {t('partners.services.title', { count: o.services.length })}
        </Title>
        <Stack gap="sm" component="ul" className="plain-list" data-testid="partner-services">
          {o.services.map((s) => (
            <li key={s.id}>
              <Card withBorder padding="md" component="article" aria-labelledby={`service-${s.id}`}>
                <Stack gap="xs">
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <Title order={3} size="h4" id={`service-${s.id}`}>
                      {s.name}
                    </Title>
                    {s.status !== 'active' ? (
                      <Badge component="span" color="gray" c="gray.8" variant="light" radius="sm">
                        {t(`partners.status.${s.status.replace(' ', '_')}`)}
                      </Badge>
                    ) : null}
                  </Group>
                  {s.description ? <Text size="sm">{s.description}</Text> : null}
                  <CapacityBadge capacity={s.capacity} waitDays={s.waitDays} />
                  <Field label={t('partners.needs')}>{s.needs.map(need).join(', ')}</Field>
                  <Field label={t('partners.fields.eligibility')}>{s.eligibility}</Field>
                  <Field label={t('partners.fields.audiences')}>{audiences(s.audiences)}</Field>
                  <Field label={t('partners.fields.ages')}>
                    {s.minimumAge !== null || s.maximumAge !== null
                      ? t('partners.ages', { min: s.minimumAge ?? 0, max: s.maximumAge ?? '∞' })
                      : null}
                  </Field>
                  <Field label={t('partners.languages')}>{s.languages.map((l) => language(l)).join(', ')}</Field>
                  <Field label={t('partners.fields.fees')}>{s.feesDescription}</Field>
                  <CoverageList coverage={s.coverage} />
                </Stack>
              </Card>
            </li>
          ))}
        </Stack>
      </section>
    </>
  )
}
