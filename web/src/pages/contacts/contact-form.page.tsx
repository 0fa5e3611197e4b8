import { Button, Checkbox, Fieldset, Group, MultiSelect, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import {
  CALLER_KINDS,
  CALLER_SECTORS,
  CONTACT_CHANNELS,
  ORIENTATIONS,
  URGENCIES,
  type ContactView,
} from '../../../../common/contracts/contacts.contracts'
import type { Language } from '../../../../common/roles'
import { api } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { useFormat } from '../../i18n/format'
import { bodyOf, emptyValues, type Values, valuesOf } from './contact-values'
import { RepeatCaller } from './repeat-caller'

/** How long the form waits after the last keystroke before saving the draft. */
const AUTOSAVE_MS = 1500

/**
 * A contact, filled in while the call goes on: every change is saved as a draft a moment after
 * typing stops (the first save creates it), and finalising makes it part of the record. Earlier
 * contacts from the same number or address show as soon as one is typed.
 */
export function ContactFormPage() {
  const { t, i18n } = useTranslation()
  const fmt = useFormat()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const params = useParams()
  const routeId = params.id && params.id !== 'new' ? params.id : null
  const [values, setValues] = useState<Values>(() => emptyValues())
  const [saved, setSaved] = useState<ContactView | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [saving, setSaving] = useState(false)
  const dirty = useRef(false)
  const inFlight = useRef<Promise<ContactView | null> | null>(null)
  const loaded = useQuery({
    queryKey: ['contacts', routeId],
    queryFn: ({ signal }) => api.get('/api/contacts/{id}', { path: { id: routeId ?? '' }, signal }),
    enabled: !!routeId && saved?.id !== routeId,
  })
  const themes = useQuery({ queryKey: ['contact-themes'], queryFn: ({ signal }) => api.get('/api/contact-themes', { signal }) })
  useEffect(() => {
    if (loaded.data && !saved) {
      setSaved(loaded.data)
      setValues(valuesOf(loaded.data))
    }
  }, [loaded.data, saved])
  const errors = useFieldErrors(error)

  const save = useCallback(async (): Promise<ContactView | null> => {
    if (inFlight.current) await inFlight.current
    if (!dirty.current) return saved
    dirty.current = false
    setSaving(true)
    const run = (async () => {
      try {
        const body = bodyOf(values, saved?.personId ?? null)
        const next = saved
          ? await api.put('/api/contacts/{id}', { path: { id: saved.id }, body, ifMatch: saved.version })
          : await api.post('/api/contacts', { body })
        setSaved(next)
        setError(null)
        if (!saved) void navigate(`/contacts/${next.id}`, { replace: true })
        void queryClient.invalidateQueries({ queryKey: ['contacts', 'queue'] })
        return next
      } catch (e) {
        dirty.current = true
        setError(e)
        return null
      } finally {
        setSaving(false)
        inFlight.current = null
      }
    })()
    inFlight.current = run
    return run
  }, [values, saved, navigate, queryClient])

  useEffect(() => {
    if (!dirty.current) return
    const timer = setTimeout(() => void save(), AUTOSAVE_MS)
    return () => clearTimeout(timer)
  }, [values, save])

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    dirty.current = true
    setValues((v) => ({ ...v, [key]: value }))
  }

  const finalise = async () => {
    const current = (await save()) ?? saved
    if (!current || dirty.current) return
    try {
      const done = await api.post('/api/contacts/{id}/finalise', { path: { id: current.id }, ifMatch: current.version })
      setSaved(done)
      void queryClient.invalidateQueries({ queryKey: ['contacts'] })
      void navigate('/contacts', { state: { saved: 'finalised' } })
    } catch (e) {
      setError(e)
    }
  }

  if (routeId && !saved && loaded.isPending) return <Loading />
  const lang = (i18n.language.slice(0, 2) as Language) || 'fr'
  const options = (list: readonly string[], prefix: string) => list.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }))
  const status = saving
    ? t('contacts.saving')
    : saved
      ? t('contacts.savedAt', { at: fmt.dateTimeMinutes(saved.updatedAt) })
      : t('contacts.notSaved')

  return (
    <Stack gap="lg">
      <PageHeader
        title={saved?.status === 'final' ? t('contacts.finalTitle') : t('contacts.formTitle')}
        description={t('contacts.formIntro')}
      />
      <Text role="status" aria-live="polite" size="sm" c="dimmed" data-testid="save-status">
        {status}
      </Text>
      <ErrorAlert error={error} />
      <Fieldset legend={t('contacts.exchange')}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Select
            label={t('contacts.channelLabel')}
            data={options(CONTACT_CHANNELS, 'contacts.channel')}
            value={values.channel}
            onChange={(v) => v && set('channel', v as Values['channel'])}
            allowDeselect={false}
            error={errors.of('channel')}
          />
          <Select
            label={t('contacts.directionLabel')}
            data={options(['incoming', 'outgoing'], 'contacts.direction')}
            value={values.direction}
            onChange={(v) => v && set('direction', v as Values['direction'])}
            allowDeselect={false}
          />
          <TextInput
            type="datetime-local"
            label={t('contacts.occurredAt')}
            value={values.occurredAt}
            onChange={(e) => set('occurredAt', e.currentTarget.value)}
            error={errors.of('occurredAt')}
          />
          <TextInput
            type="number"
            min={0}
            label={t('contacts.duration')}
            value={values.durationMinutes}
            onChange={(e) => set('durationMinutes', e.currentTarget.value)}
            error={errors.of('durationMinutes')}
          />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('contacts.caller')}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('contacts.callerKindLabel')}
              data={options(CALLER_KINDS, 'contacts.callerKind')}
              value={values.callerKind}
              onChange={(v) => v && set('callerKind', v as Values['callerKind'])}
              allowDeselect={false}
            />
            {values.callerKind === 'professional' ? (
              <Select
                label={t('contacts.sectorLabel')}
                data={options(CALLER_SECTORS, 'contacts.sector')}
                value={values.callerSector || null}
                onChange={(v) => set('callerSector', v ?? '')}
                error={errors.of('callerSector')}
              />
            ) : null}
          </SimpleGrid>
          {values.callerKind !== 'anonymous' ? (
            <Checkbox
              label={t('contacts.identityAgreed')}
              checked={values.identityAgreed}
              onChange={(e) => set('identityAgreed', e.currentTarget.checked)}
            />
          ) : null}
          {values.identityAgreed && values.callerKind !== 'anonymous' ? (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('contacts.callerName')} value={values.name} onChange={(e) => set('name', e.currentTarget.value)} />
              <TextInput
                type="tel"
                label={t('contacts.phone')}
                value={values.phone}
                onChange={(e) => set('phone', e.currentTarget.value)}
                error={errors.of('caller.phone')}
              />
              <TextInput
                type="email"
                label={t('contacts.email')}
                value={values.email}
                onChange={(e) => set('email', e.currentTarget.value)}
                error={errors.of('caller.email')}
              />
              <TextInput label={t('contacts.reach')} value={values.reach} onChange={(e) => set('reach', e.currentTarget.value)} />
            </SimpleGrid>
          ) : null}
          <RepeatCaller
            phone={values.identityAgreed ? values.phone : ''}
            email={values.identityAgreed ? values.email : ''}
            currentId={saved?.id ?? null}
          />
        </Stack>
      </Fieldset>
      <Fieldset legend={t('contacts.situation')}>
        <Stack>
          <Textarea
            label={t('contacts.personDescription')}
            autosize
            minRows={2}
            value={values.personDescription}
            onChange={(e) => set('personDescription', e.currentTarget.value)}
          />
          <MultiSelect
            label={t('contacts.themes')}
            data={(themes.data?.items ?? [])
              .filter((th) => th.active || values.themes.includes(th.code))
              .map((th) => ({ value: th.code, label: th.labels[lang] ?? th.labels.fr }))}
            value={values.themes}
            onChange={(v) => set('themes', v)}
            error={errors.of('themes')}
          />
          <Textarea
            label={t('contacts.summary')}
            autosize
            minRows={4}
            value={values.summary}
            onChange={(e) => set('summary', e.currentTarget.value)}
          />
        </Stack>
      </Fieldset>
      <Fieldset legend={t('contacts.followUp')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('contacts.urgencyLabel')}
            data={options(URGENCIES, 'contacts.urgency')}
            value={values.urgency}
            onChange={(v) => v && set('urgency', v as Values['urgency'])}
            allowDeselect={false}
          />
          <Select
            label={t('contacts.orientationLabel')}
            data={[{ value: '', label: t('contacts.orientationPending') }, ...options(ORIENTATIONS, 'contacts.orientation')]}
            value={values.orientation}
            onChange={(v) => set('orientation', v ?? '')}
            allowDeselect={false}
          />
          {values.orientation === 'referred' ? (
            <TextInput
              label={t('contacts.referredTo')}
              value={values.referredTo}
              onChange={(e) => set('referredTo', e.currentTarget.value)}
              error={errors.of('referredTo')}
            />
          ) : null}
        </SimpleGrid>
      </Fieldset>
      <Group>
        <Button variant="default" onClick={() => void save()} loading={saving}>
          {t('contacts.saveNow')}
        </Button>
        {saved?.status !== 'final' ? <Button onClick={() => void finalise()}>{t('contacts.finalise')}</Button> : null}
      </Group>
    </Stack>
  )
}
