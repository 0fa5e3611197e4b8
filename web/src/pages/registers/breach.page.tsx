import { Alert, Button, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import {
  BREACH_NATURES,
  BREACH_STATUSES,
  type BreachView,
  DATA_CATEGORIES,
  SUBJECT_CATEGORIES,
} from '../../../../common/contracts/registers.contracts'
import { api, isApiError } from '../../api/client'
import { DateTimeField } from '../../components/date-field'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { BreachClock } from './breach-clock'
import { BREACH_FIELDS, type BreachForm, bodyOf, formOf } from './breach-form-values'
import { BreachNotificationFields } from './breach-notification-fields'
import { WhoDidThisAccountRead } from './who-read-panel'

/** One breach: recording it starts the clock; the DPO completes it as the facts come in. */
export function BreachPage() {
  const { breachId } = useParams()
  const isNew = !breachId || breachId === 'new'
  const breach = useQuery({
    queryKey: ['breaches', 'one', breachId],
    queryFn: () => api.get('/api/breaches/{breachId}', { path: { breachId: breachId! } }),
    enabled: !isNew,
  })
  // Held here: the editor is drawn afresh for the version a save brings back, and would forget it.
  const [savedVersion, setSavedVersion] = useState<number>()
  if (!isNew && !breach.data) return breach.error ? <ErrorAlert error={breach.error} /> : <Loading />
  return (
    <BreachEditor
      key={breach.data?.version ?? 'new'}
      breach={isNew ? undefined : breach.data}
      saved={!isNew && savedVersion === breach.data?.version}
      onSaved={setSavedVersion}
    />
  )
}

function BreachEditor({ breach, saved, onSaved }: { breach?: BreachView; saved: boolean; onSaved: (version: number) => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [form, setForm] = useState<BreachForm>(() => formOf(breach))
  const set = <K extends keyof BreachForm>(key: K, value: BreachForm[K]) => setForm((f) => ({ ...f, [key]: value }))
  const save = useMutation({
    mutationFn: () =>
      breach
        ? api.put('/api/breaches/{breachId}', { path: { breachId: breach.id }, body: bodyOf(form), ifMatch: breach.version })
        : api.post('/api/breaches', { body: bodyOf(form) }),
    onSuccess: (b) => {
      onSaved(b.version)
      queryClient.setQueryData(['breaches', 'one', b.id], b)
      void queryClient.invalidateQueries({ queryKey: ['breaches'] })
      if (!breach) void navigate(`/dpo/breaches/${b.id}`, { replace: true })
    },
  })
  const errors = useFieldErrors(save.error, [], 'registers.errors')
  const stale = isApiError(save.error, 'version.mismatch')
  const title = breach ? t('registers.breach.title') : t('registers.breach.newTitle')

  return (
    <Stack gap="lg">
      <PageHeader title={title} description={t('registers.breach.intro')} />
      {breach ? <BreachClock breach={breach} /> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault()
          save.mutate()
        }}
        noValidate
      >
        <Stack gap="md" maw={860}>
          <div className="live-region" aria-live="polite">
            {stale ? (
              <Alert color="orange" variant="light" role="alert">
                {t('registers.stale')}
              </Alert>
            ) : save.error && !errors.any ? (
              <ErrorAlert error={save.error} />
            ) : errors.any ? (
              <Alert color="red" variant="light" role="alert">
                {t('registers.fixFields')}
              </Alert>
            ) : saved ? (
              <Alert color="green" variant="light" role="status">
                {t('registers.saved')}
              </Alert>
            ) : null}
          </div>
          <DateTimeField
            label={t('registers.breach.discoveredAt')}
            description={t('registers.breach.discoveredHint')}
            value={form.discoveredAt}
            onChange={(v) => set('discoveredAt', v)}
            required
            error={errors.of('discoveredAt')}
          />
          <Checkbox.Group
            label={t('registers.breach.nature')}
            value={form.nature}
            onChange={(v) => set('nature', v)}
            required
            error={errors.of('nature')}
          >
            <Group gap="md" mt={4}>
              {BREACH_NATURES.map((n) => (
                <Checkbox key={n} value={n} label={t(`registers.natures.${n}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Textarea
            label={t('registers.breach.description')}
            description={t('registers.breach.sealedHint')}
            value={form.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            required
            autosize
            minRows={3}
            error={errors.of('description')}
          />
          <Checkbox.Group
            label={t('registers.breach.subjectCategories')}
            value={form.subjectCategories}
            onChange={(v) => set('subjectCategories', v)}
            error={errors.of('subjectCategories')}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={4}>
              {SUBJECT_CATEGORIES.map((c) => (
                <Checkbox key={c} value={c} label={t(`registers.subjects.${c}`)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Checkbox.Group
            label={t('registers.breach.dataCategories')}
            value={form.dataCategories}
            onChange={(v) => set('dataCategories', v)}
            error={errors.of('dataCategories')}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={4}>
              {DATA_CATEGORIES.map((c) => (
                <Checkbox key={c} value={c} label={t(`registers.data.${c}`)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t('registers.breach.personsAffected')}
              value={form.personsAffected}
              onChange={(v) => set('personsAffected', v)}
              min={0}
              allowDecimal={false}
              error={errors.of('personsAffected')}
            />
            <NumberInput
              label={t('registers.breach.recordsAffected')}
              value={form.recordsAffected}
              onChange={(v) => set('recordsAffected', v)}
              min={0}
              allowDecimal={false}
              error={errors.of('recordsAffected')}
            />
          </SimpleGrid>
          <Textarea
            label={t('registers.breach.consequences')}
            value={form.consequences}
            onChange={(e) => set('consequences', e.currentTarget.value)}
            autosize
            minRows={2}
            error={errors.of('consequences')}
          />
          <Textarea
            label={t('registers.breach.measures')}
            value={form.measures}
            onChange={(e) => set('measures', e.currentTarget.value)}
            autosize
            minRows={2}
            error={errors.of('measures')}
          />
          <BreachNotificationFields side="authority" value={form.authority} onChange={(n) => set('authority', n)} errors={errors} />
          <BreachNotificationFields side="persons" value={form.persons} onChange={(n) => set('persons', n)} errors={errors} />
          <Select
            label={t('registers.breach.status')}
            value={form.status}
            onChange={(v) => v && set('status', v as BreachForm['status'])}
            data={BREACH_STATUSES.map((s) => ({ value: s, label: t(`registers.statuses.${s}`) }))}
            allowDeselect={false}
            maw={320}
          />
          {errors.others(BREACH_FIELDS).map((m) => (
            <Text key={m} c="red.8" size="sm">
              {m}
            </Text>
          ))}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {breach ? t('registers.save') : t('registers.breach.record')}
            </Button>
          </Group>
        </Stack>
      </form>
      {breach ? <WhoDidThisAccountRead discoveredAt={breach.discoveredAt} /> : null}
    </Stack>
  )
}
