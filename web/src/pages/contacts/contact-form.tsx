import {
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { useFieldErrors } from '../../components/field-errors'
import { PersonPicker } from '../persons/person-picker'
import { RepeatCaller } from './repeat-caller'
import { useThemes } from './use-contacts'
import {
  CALLER_KINDS,
  CHANNELS,
  DIRECTIONS,
  ORIENTATIONS,
  SECTORS,
  URGENCIES,
  type CallerKind,
  type Channel,
  type Direction,
  type Orientation,
  type Sector,
  type Urgency,
} from './vocabulary'
import { DateTimeField } from '../../components/date-field'

export type Draft = {
  channel: Channel
  direction: Direction
  occurredAt: string
  durationMinutes: number | ''
  callerKind: CallerKind | null
  callerSector: Sector | null
  keepIdentity: boolean
  name: string
  phone: string
  email: string
  reach: string
  personId: string | null
  personDescription: string
  themes: string[]
  summary: string
  orientation: Orientation | null
  referredTo: string
  urgency: Urgency
  /** The earlier contact this outgoing one calls back (set from the queue's "call back now"). */
  answersContactId?: string | null
}

type Errors = ReturnType<typeof useFieldErrors>
type Language = 'fr' | 'nl' | 'de' | 'en'

/** The fields of a contact, in the order a call goes: how, who, about whom, what was said, what is decided. */
export function ContactFields({
  d,
  set,
  errors,
  currentId,
  readOnly,
}: {
  d: Draft
  set: <K extends keyof Draft>(k: K, v: Draft[K]) => void
  errors: Errors
  currentId?: string
  readOnly?: boolean
}) {
  const { t, i18n } = useTranslation()
  const themes = useThemes()
  const lang = (['fr', 'nl', 'de', 'en'].includes(i18n.language) ? i18n.language : 'fr') as Language
  const themeOptions = (themes.data?.items ?? [])
    .filter((x) => x.active || d.themes.includes(x.code))
    .map((x) => ({ value: x.code, label: x.labels[lang] }))
  const anonymous = d.callerKind === 'anonymous'

  return (
    <Stack gap="lg">
      <Paper component="section">
        <Title order={2} size="h4">
          {t('contacts.sections.exchange')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
          <Select
            label={t('contacts.channel')}
            data={CHANNELS.map((c) => ({ value: c, label: t(`contacts.channels.${c}`) }))}
            value={d.channel}
            onChange={(v) => v && set('channel', v as Channel)}
            allowDeselect={false}
            required
            readOnly={readOnly}
            error={errors.of('channel')}
          />
          <Radio.Group label={t('contacts.direction')} value={d.direction} onChange={(v) => set('direction', v as Direction)}>
            <Group mt={8}>
              {DIRECTIONS.map((x) => (
                <Radio key={x} value={x} label={t(`contacts.directions.${x}`)} disabled={readOnly} />
              ))}
            </Group>
          </Radio.Group>
          <DateTimeField
            label={t('contacts.occurredAt')}
            value={d.occurredAt}
            onChange={(v) => set('occurredAt', v)}
            required
            readOnly={readOnly}
            error={errors.of('occurredAt')}
          />
          <NumberInput
            label={t('contacts.duration')}
            min={0}
            max={1440}
            value={d.durationMinutes}
            onChange={(v) => set('durationMinutes', typeof v === 'number' ? v : '')}
            readOnly={readOnly}
            error={errors.of('durationMinutes')}
          />
        </SimpleGrid>
      </Paper>

      <Paper component="section">
        <Title order={2} size="h4">
          {t('contacts.sections.caller')}
        </Title>
        <Radio.Group
          label={t('contacts.callerKind')}
          value={d.callerKind ?? ''}
          onChange={(v) => set('callerKind', v as CallerKind)}
          required
          error={errors.of('callerKind')}
          mt="sm"
        >
          <Group mt={8}>
            {CALLER_KINDS.map((k) => (
              <Radio key={k} value={k} label={t(`contacts.kinds.${k}`)} disabled={readOnly} required />
            ))}
          </Group>
        </Radio.Group>
        {d.callerKind === 'professional' ? (
          <Select
            mt="sm"
            label={t('contacts.sector')}
            data={SECTORS.map((s) => ({ value: s, label: t(`contacts.sectors.${s}`) }))}
            value={d.callerSector}
            onChange={(v) => set('callerSector', v as Sector | null)}
            required
            readOnly={readOnly}
            error={errors.of('callerSector')}
            maw={360}
          />
        ) : null}
        {!anonymous && d.callerKind ? (
          <Stack gap="sm" mt="sm">
            <Checkbox
              label={t('contacts.keepIdentity')}
              description={t('contacts.keepIdentityHint')}
              checked={d.keepIdentity}
              onChange={(e) => set('keepIdentity', e.currentTarget.checked)}
              disabled={readOnly}
            />
            {d.keepIdentity ? (
              <>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput
                    label={t('contacts.name')}
                    value={d.name}
                    onChange={(e) => set('name', e.currentTarget.value)}
                    maxLength={200}
                    readOnly={readOnly}
                    error={errors.of('caller.name')}
                  />
                  <TextInput
                    type="tel"
                    label={t('contacts.phone')}
                    value={d.phone}
                    onChange={(e) => set('phone', e.currentTarget.value)}
                    maxLength={40}
                    readOnly={readOnly}
                    error={errors.of('caller.phone')}
                  />
                  <TextInput
                    type="email"
                    label={t('contacts.email')}
                    value={d.email}
                    onChange={(e) => set('email', e.currentTarget.value)}
                    maxLength={254}
                    readOnly={readOnly}
                    error={errors.of('caller.email')}
                  />
                  <TextInput
                    label={t('contacts.reach')}
                    description={t('contacts.reachHint')}
                    value={d.reach}
                    onChange={(e) => set('reach', e.currentTarget.value)}
                    maxLength={500}
                    readOnly={readOnly}
                    error={errors.of('caller.reach')}
                  />
                </SimpleGrid>
                <RepeatCaller phone={d.phone} email={d.email} currentId={currentId} />
              </>
            ) : null}
          </Stack>
        ) : null}
      </Paper>

      <Paper component="section">
        <Title order={2} size="h4">
          {t('contacts.sections.about')}
        </Title>
        <Stack gap="sm" mt="sm">
          {readOnly ? null : (
            <PersonPicker
              label={t('contacts.person')}
              description={t('contacts.personHint')}
              value={d.personId}
              onChange={(id) => set('personId', id)}
              error={errors.of('personId')}
            />
          )}
          {d.personId ? null : (
            <Textarea
              label={t('contacts.personDescription')}
              description={t('contacts.personDescriptionHint')}
              value={d.personDescription}
              onChange={(e) => set('personDescription', e.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={2000}
              readOnly={readOnly}
              error={errors.of('personDescription')}
            />
          )}
          <MultiSelect
            label={t('contacts.themes')}
            data={themeOptions}
            value={d.themes}
            onChange={(v) => set('themes', v)}
            searchable
            readOnly={readOnly}
            error={errors.of('themes')}
          />
          <Textarea
            label={t('contacts.summary')}
            description={t('contacts.summaryHint')}
            value={d.summary}
            onChange={(e) => set('summary', e.currentTarget.value)}
            autosize
            minRows={4}
            maxLength={8000}
            readOnly={readOnly}
            error={errors.of('summary')}
          />
        </Stack>
      </Paper>

      <Paper component="section">
        <Title order={2} size="h4">
          {t('contacts.sections.decision')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
          <Select
            label={t('contacts.urgency')}
            data={URGENCIES.map((u) => ({ value: u, label: t(`contacts.urgencies.${u}`) }))}
            value={d.urgency}
            onChange={(v) => v && set('urgency', v as Urgency)}
            allowDeselect={false}
            readOnly={readOnly}
            error={errors.of('urgency')}
          />
          <Select
            label={t('contacts.orientation')}
            placeholder={t('contacts.toDecide')}
            data={ORIENTATIONS.map((o) => ({ value: o, label: t(`contacts.orientations.${o}`) }))}
            value={d.orientation}
            onChange={(v) => set('orientation', v as Orientation | null)}
            clearable
            readOnly={readOnly}
            error={errors.of('orientation')}
          />
        </SimpleGrid>
        {d.orientation === 'referred' ? (
          <TextInput
            mt="sm"
            label={t('contacts.referredTo')}
            description={t('contacts.referredToHint')}
            value={d.referredTo}
            onChange={(e) => set('referredTo', e.currentTarget.value)}
            required
            maxLength={500}
            readOnly={readOnly}
            error={errors.of('referredTo')}
          />
        ) : null}
      </Paper>
    </Stack>
  )
}
