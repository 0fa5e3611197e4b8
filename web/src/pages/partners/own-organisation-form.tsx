import { Button, Fieldset, NativeSelect, NumberInput, Stack, Text, Textarea, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CAPACITIES } from '../../../../common/contracts/partners.contracts'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { type OwnUpdate, useOwnProfile, useSaveOwnProfile } from './use-partner-activity'

const nullable = (v: string) => (v.trim() === '' ? null : v)

/**
 * A partner's staff keep their organisation's description and their services' description,
 * eligibility, capacity and waiting time. The charter is shown, never editable here. The edit
 * carries the version it started from (If-Match): a change made meanwhile is refused (412).
 */
export function OwnOrganisationForm() {
  const q = useOwnProfile()
  // The save is held here: the form restarts on the version a save brings back, and would forget it.
  const save = useSaveOwnProfile()
  if (q.isPending) return <Loading />
  if (!q.data) return <ErrorAlert error={q.error} />
  return <Form key={q.data.version} profile={q.data} save={save} />
}

function Form({
  profile,
  save,
}: {
  profile: NonNullable<ReturnType<typeof useOwnProfile>['data']>
  save: ReturnType<typeof useSaveOwnProfile>
}) {
  const { t } = useTranslation()
  const [d, setD] = useState<OwnUpdate>(() => ({
    description: profile.description,
    services: profile.services.map(({ name: _n, ...s }) => s),
  }))
  const errors = useFieldErrors(save.error)
  const setService = (i: number, change: Partial<OwnUpdate['services'][number]>) =>
    setD((x) => ({ ...x, services: x.services.map((s, j) => (j === i ? { ...s, ...change } : s)) }))
  return (
    <form
      noValidate
      aria-labelledby="own-organisation"
      onSubmit={(e) => {
        e.preventDefault()
        save.mutate({ body: d, version: profile.version })
      }}
    >
      <Stack gap="md">
        <Title order={2} size="h4" id="own-organisation">
          {t('ownOrganisation.title')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('ownOrganisation.intro')}
        </Text>
        <Text size="sm">
          <strong>{t('ownOrganisation.charter')}</strong>{' '}
          {profile.charterSignedOn
            ? t('ownOrganisation.charterSigned', { signed: profile.charterSignedOn, renew: profile.charterRenewOn ?? '—' })
            : t('ownOrganisation.charterNone')}
        </Text>
        <ErrorAlert error={save.error} />
        <Textarea
          label={t('partners.fields.description')}
          autosize
          minRows={3}
          required
          value={d.description}
          onChange={(e) => {
            const value = e.currentTarget.value
            setD((x) => ({ ...x, description: value }))
          }}
          error={errors.of('description')}
        />
        {d.services.map((s, i) => (
          <Fieldset key={s.id} legend={profile.services[i]?.name}>
            <Stack gap="sm">
              <Textarea
                label={t('partners.fields.description')}
                autosize
                minRows={2}
                value={s.description ?? ''}
                onChange={(e) => setService(i, { description: nullable(e.currentTarget.value) })}
                error={errors.of(`services.${i}.description`)}
              />
              <Textarea
                label={t('partners.fields.eligibility')}
                autosize
                minRows={1}
                value={s.eligibility ?? ''}
                onChange={(e) => setService(i, { eligibility: nullable(e.currentTarget.value) })}
                error={errors.of(`services.${i}.eligibility`)}
              />
              <NativeSelect
                label={t('partners.fields.capacity')}
                value={s.capacity}
                onChange={(e) => setService(i, { capacity: e.currentTarget.value as OwnUpdate['services'][number]['capacity'] })}
                data={CAPACITIES.map((c) => ({ value: c, label: t(`partners.capacity.${c}`) }))}
                data-testid={`own-service-${i}-capacity`}
              />
              <NumberInput
                label={t('partners.fields.waitDays')}
                min={0}
                max={3650}
                value={s.waitDays ?? ''}
                onChange={(v) => setService(i, { waitDays: typeof v === 'number' ? v : null })}
                error={errors.of(`services.${i}.waitDays`)}
              />
            </Stack>
          </Fieldset>
        ))}
        <div>
          <Button type="submit" loading={save.isPending}>
            {t('ownOrganisation.save')}
          </Button>
        </div>
        <Text role="status" size="sm" c="teal.9">
          {save.isSuccess && save.data.version === profile.version ? t('ownOrganisation.saved') : ''}
        </Text>
      </Stack>
    </form>
  )
}
