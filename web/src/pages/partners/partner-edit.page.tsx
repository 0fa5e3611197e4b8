import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import { PARTNER_AUDIENCES } from '../../../../common/contracts/partners.contracts'
import { api, isApiError } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ServiceFields } from './partner-service-fields'
import {
  COMMON_LANGUAGES,
  EMPTY_ORGANISATION,
  EMPTY_SERVICE,
  type Organisation,
  type OrganisationBody,
  toBody,
  useLanguageName,
  useOrganisation,
} from './use-partners'
import { DateField } from '../../components/date-field'
import { RequiredNote } from '../../components/required-note'

const nullable = (v: string) => (v.trim() === '' ? null : v)
type Contact = NonNullable<OrganisationBody['contacts']>[number]

/**
 * The organisation form, written whole. An edit carries the version it started from (If-Match):
 * when someone changed the organisation meanwhile, the server refuses it (412) and the form says so
 * without losing what was typed.
 */
function PartnerForm({ organisation, onReload }: { organisation: Organisation | null; onReload: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const client = useQueryClient()
  const languageName = useLanguageName()
  const [d, setD] = useState<OrganisationBody>(() => (organisation ? toBody(organisation) : EMPTY_ORGANISATION))
  // The version the edit started from, kept even when the page's data is fetched again meanwhile.
  const [version] = useState(organisation?.version)
  const save = useMutation({
    mutationFn: () =>
      organisation
        ? api.put('/api/partners/{id}', { path: { id: organisation.id }, body: d, ifMatch: version ?? organisation.version })
        : api.post('/api/partners', { body: d }),
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: ['partners'] })
      void navigate(`/partners/${saved.id}`)
    },
  })
  const errors = useFieldErrors(save.error)
  const text =
    (field: keyof OrganisationBody, nullify = true) =>
    (e: { currentTarget: { value: string } }) => {
      // Read now: the event's target is gone when React runs the updater.
      const value = e.currentTarget.value
      setD((x) => ({ ...x, [field]: nullify ? nullable(value) : value }))
    }
  const contacts = d.contacts ?? []
  const services = d.services ?? []
  const setContact = (i: number, change: Partial<Contact>) =>
    setD((x) => ({ ...x, contacts: (x.contacts ?? []).map((c, j) => (j === i ? { ...c, ...change } : c)) }))
  const languages = [...new Set([...COMMON_LANGUAGES, ...(d.languages ?? [])])]
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        save.mutate()
      }}
    >
      <Stack gap="md">
        <RequiredNote />
        <Fieldset legend={t('partners.form.organisation')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('partners.fields.name')}
                required
                value={d.name}
                onChange={text('name', false)}
                error={errors.of('name')}
                data-autofocus
              />
              <TextInput
                label={t('partners.fields.alternateName')}
                value={d.alternateName ?? ''}
                onChange={text('alternateName')}
                error={errors.of('alternateName')}
              />
            </SimpleGrid>
            <Textarea
              label={t('partners.fields.description')}
              required
              autosize
              minRows={3}
              value={d.description}
              onChange={text('description', false)}
              error={errors.of('description')}
            />
            <Textarea
              label={t('partners.fields.missions')}
              autosize
              minRows={2}
              value={d.missions ?? ''}
              onChange={text('missions')}
              error={errors.of('missions')}
            />
            <Textarea
              label={t('partners.fields.goals')}
              autosize
              minRows={2}
              value={d.goals ?? ''}
              onChange={text('goals')}
              error={errors.of('goals')}
            />
            <Textarea
              label={t('partners.fields.ethics')}
              autosize
              minRows={2}
              value={d.ethics ?? ''}
              onChange={text('ethics')}
              error={errors.of('ethics')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <DateField
                label={t('partners.fields.charterSignedOn')}
                value={d.charterSignedOn ?? ''}
                onChange={(v) => setD((x) => ({ ...x, charterSignedOn: nullable(v) }))}
                error={errors.of('charterSignedOn')}
              />
              <DateField
                label={t('partners.fields.charterRenewOn')}
                value={d.charterRenewOn ?? ''}
                onChange={(v) => setD((x) => ({ ...x, charterRenewOn: nullable(v) }))}
                error={errors.of('charterRenewOn')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <MultiSelect
                label={t('partners.fields.audiences')}
                value={d.audiences ?? []}
                onChange={(v) => setD((x) => ({ ...x, audiences: v as OrganisationBody['audiences'] }))}
                data={PARTNER_AUDIENCES.map((a) => ({ value: a, label: t(`partners.audiences.${a}`) }))}
              />
              <MultiSelect
                label={t('partners.languages')}
                value={d.languages ?? []}
                onChange={(v) => setD((x) => ({ ...x, languages: v }))}
                data={languages.map((l) => ({ value: l, label: languageName(l) }))}
                searchable
              />
            </SimpleGrid>
            <Textarea
              label={t('partners.fields.accessibility')}
              autosize
              minRows={1}
              value={d.accessibility ?? ''}
              onChange={text('accessibility')}
              error={errors.of('accessibility')}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                type="email"
                label={t('partners.fields.email')}
                value={d.email ?? ''}
                onChange={text('email')}
                error={errors.of('email')}
              />
              <TextInput
                type="email"
                label={t('partners.fields.referralEmail')}
                value={d.referralEmail ?? ''}
                onChange={text('referralEmail')}
                error={errors.of('referralEmail')}
              />
              <TextInput
                type="url"
                label={t('partners.fields.website')}
                value={d.website ?? ''}
                onChange={text('website')}
                error={errors.of('website')}
              />
            </SimpleGrid>
            <Checkbox
              label={t('partners.fields.active')}
              checked={d.active ?? true}
              onChange={(e) => {
                const active = e.currentTarget.checked
                setD((x) => ({ ...x, active }))
              }}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('partners.contacts.title')}>
          <Stack gap="sm">
            {contacts.map((c, i) => (
              <Group key={c.id ?? `new-${i}`} align="flex-start" gap="xs" wrap="wrap">
                <TextInput
                  label={t('partners.contacts.name')}
                  required
                  value={c.name}
                  onChange={(e) => setContact(i, { name: e.currentTarget.value })}
                  error={errors.of(`contacts.${i}.name`)}
                  style={{ flex: '1 1 10rem' }}
                />
                <TextInput
                  label={t('partners.contacts.role')}
                  value={c.title ?? ''}
                  onChange={(e) => setContact(i, { title: nullable(e.currentTarget.value) })}
                  style={{ flex: '1 1 10rem' }}
                />
                <TextInput
                  type="email"
                  label={t('partners.fields.email')}
                  value={c.email ?? ''}
                  onChange={(e) => setContact(i, { email: nullable(e.currentTarget.value) })}
                  error={errors.of(`contacts.${i}.email`)}
                  style={{ flex: '1 1 10rem' }}
                />
                <TextInput
                  label={t('partners.contacts.phone')}
                  value={c.phone ?? ''}
                  onChange={(e) => setContact(i, { phone: nullable(e.currentTarget.value) })}
                  error={errors.of(`contacts.${i}.phone`)}
                  style={{ flex: '1 1 8rem' }}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  mt={26}
                  aria-label={t('partners.contacts.remove', { name: c.name || '…' })}
                  onClick={() => setD((x) => ({ ...x, contacts: (x.contacts ?? []).filter((_, j) => j !== i) }))}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() => setD((x) => ({ ...x, contacts: [...(x.contacts ?? []), { name: '' }] }))}
              >
                {t('partners.contacts.add')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        {services.map((s, i) => (
          <ServiceFields
            key={s.id ?? `new-${i}`}
            service={s}
            index={i}
            errors={errors}
            onChange={(change) => setD((x) => ({ ...x, services: (x.services ?? []).map((y, j) => (j === i ? { ...y, ...change } : y)) }))}
            onRemove={() => setD((x) => ({ ...x, services: (x.services ?? []).filter((_, j) => j !== i) }))}
          />
        ))}
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setD((x) => ({ ...x, services: [...(x.services ?? []), { ...EMPTY_SERVICE }] }))}
          >
            {t('partners.services.add')}
          </Button>
        </Group>
        {isApiError(save.error, 'version.mismatch') ? (
          <Alert color="orange" variant="light" role="alert" title={t('partners.form.conflictTitle')} data-testid="partner-conflict">
            <Stack gap="sm" align="flex-start">
              <Text size="sm">{t('partners.form.conflictBody')}</Text>
              <Button onClick={onReload} leftSection={<IconRefresh size={16} aria-hidden />} variant="white" color="orange.9">
                {t('partners.form.conflictReload')}
              </Button>
            </Stack>
          </Alert>
        ) : (
          <ErrorAlert error={save.error} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void navigate(organisation ? `/partners/${organisation.id}` : '/partners')}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="partner-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** Edit an organisation (lead, admin) or, without an id, add one. */
export function PartnerEditPage() {
  const { t } = useTranslation()
  const { id } = useParams()
  const org = useOrganisation(id)
  const [reloads, setReloads] = useState(0)
  if (id && org.isPending) return <Loading />
  if (id && !org.data) return <ErrorAlert error={org.error} />
  const organisation = id ? (org.data ?? null) : null
  return (
    <>
      <PageHeader title={organisation ? t('partners.form.editTitle', { name: organisation.name }) : t('partners.form.newTitle')} />
      <PartnerForm
        key={`${organisation?.id ?? 'new'}-${reloads}`}
        organisation={organisation}
        onReload={() => void org.refetch().then(() => setReloads((n) => n + 1))}
      />
    </>
  )
}
