import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { IconArrowLeft, IconCheck, IconFolderPlus, IconPencil } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useParams } from 'react-router'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { useFormat } from '../../i18n/format'
import { usePlaceNames } from '../../i18n/places'
import { ErasedPage, isErased } from '../erasure/erased.page'
import { NotFoundPage } from '../not-found/not-found.page'
import { RectificationNotice } from '../dpo-requests/rectification-notice'
import { RestrictedBanner } from '../restrictions/restricted-banner'
import { PersonCases } from './person-cases'
import { isUnavailable, usePerson } from './use-person'

function Field({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation()
  const empty = children === null || children === undefined || children === ''
  return (
    <div>
      <Text component="dt" size="sm" c="gray.7">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500} c={empty ? 'gray.7' : undefined} className="break-anywhere">
        {empty ? t('common.notProvided') : children}
      </Text>
    </div>
  )
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="md">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="dl" m={0}>
        {children}
      </SimpleGrid>
    </Paper>
  )
}

export function PersonViewPage() {
  const { t } = useTranslation()
  const { id } = useParams()
  const location = useLocation()
  const { data: me } = useMe()
  const fmt = useFormat()
  const places = usePlaceNames()
  const person = usePerson(id)

  if (person.isPending) return <Loading />
  if (isErased(person.error)) return <ErasedPage backTo="/persons" backLabel={t('person.backToSearch')} />
  if (isUnavailable(person.error)) {
    return <NotFoundPage backTo="/persons" backLabel={t('person.backToSearch')} />
  }
  // A refusal (a restricted processing) still gets the page's heading, as on the edit page.
  if (person.isError)
    return (
      <Stack>
        <PageHeader title={t('accompaniment.person')} />
        <ErrorAlert error={person.error} />
      </Stack>
    )

  const p = person.data
  const saved = (location.state as { saved?: 'created' | 'updated' } | null)?.saved
  const m = p.municipality
  const birth = p.birthDate ? fmt.date(p.birthDate) : p.birthYear ? t('person.yearOnlyValue', { year: p.birthYear }) : null

  return (
    <Stack gap="lg" maw={960}>
      <Group>
        <Button component={Link} to="/persons" variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />} px={4}>
          {t('person.backToSearch')}
        </Button>
      </Group>
      <PageHeader
        title={`${p.firstName} ${p.lastName}`}
        description={
          <Group component="span" gap="xs">
            <span>{t('person.codeLabel')}</span>
            <Badge component="span" variant="light" radius="sm" className="mono" size="lg" data-testid="person-code">
              {p.code}
            </Badge>
          </Group>
        }
        actions={
          <>
            {can(me, 'accompaniment.create') ? (
              <Button
                component={Link}
                to={`/accompaniments/new?personId=${encodeURIComponent(p.id)}`}
                leftSection={<IconFolderPlus size={18} aria-hidden />}
                data-testid="open-accompaniment"
              >
                {t('person.openAccompaniment')}
              </Button>
            ) : null}
            {can(me, 'person.update') ? (
              <Button component={Link} to={`/persons/${p.id}/edit`} variant="light" leftSection={<IconPencil size={18} aria-hidden />}>
                {t('person.edit')}
              </Button>
            ) : null}
          </>
        }
      />
      <div className="live-region" aria-live="polite">
        {saved ? (
          <Alert color="green" variant="light" role="status" icon={<IconCheck aria-hidden />}>
            {t(saved === 'created' ? 'person.created' : 'person.updated')}
          </Alert>
        ) : null}
      </div>
      <RestrictedBanner restricted={p.restricted} />
      <RectificationNotice personId={p.id} />

      <PersonCases personId={p.id} />

      <Section id="person-identity" title={t('person.identity')}>
        <Field label={t('person.firstName')}>{p.firstName}</Field>
        <Field label={t('person.lastName')}>{p.lastName}</Field>
        <Field label={t('person.otherNames')}>{p.otherNames.join(', ')}</Field>
        <Field label={t('person.birth')}>{birth}</Field>
        <Field label={t('person.gender')}>{t(`gender.${p.gender}`)}</Field>
        <Field label={t('person.languages')}>{p.languages.map((l) => t(`languages.${l}`, { defaultValue: l })).join(', ')}</Field>
      </Section>

      <Section id="person-contact" title={t('person.contact')}>
        <Field label={t('person.municipality')}>{m ? `${m.postcode} ${m.locality}` : p.postcode}</Field>
        <Field label={t('person.provinceRegion')}>{m ? `${places.province(m.province)} · ${places.region(m.region)}` : null}</Field>
        <Field label={t('person.phone')}>{p.phone}</Field>
        <Field label={t('person.email')}>{p.email}</Field>
      </Section>

      <Paper component="section" aria-labelledby="person-notes">
        <Title order={2} size="h4" id="person-notes" mb="md">
          {t('person.notesTitle')}
        </Title>
        <Text className="pre-wrap" c={p.notes ? undefined : 'gray.7'}>
          {p.notes ?? t('common.notProvided')}
        </Text>
      </Paper>

      <Text size="sm" c="gray.7">
        {t('person.timestamps', { created: fmt.dateTime(p.createdAt), updated: fmt.dateTime(p.updatedAt) })}
      </Text>
    </Stack>
  )
}
