import { ActionIcon, Alert, Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { type FieldIssue, useFieldErrors } from '../../components/field-errors'
import { useFormat } from '../../i18n/format'
import {
  MAX_TIES,
  TIE_KINDS,
  TIE_RELATIONS,
  TIE_STRENGTHS,
  TIE_VALENCES,
  type TieKind,
  type TieRelation,
  type TieValence,
} from './network-vocabulary'
import { type NetworkSnapshot, type Tie, useSaveSnapshot } from './use-network'
import { DateField } from '../../components/date-field'
import { focusFirstError } from '../../components/focus-error'

/** A tie being edited: `id` kept from the copied snapshot (so it can be compared), absent when new. */
type Draft = {
  key: number
  id?: string
  name: string
  kind: TieKind
  relation: TieRelation
  strength: number
  valence: TieValence
  note: string
}

let nextKey = 1
const draftOf = (t: Tie): Draft => ({
  key: nextKey++,
  id: t.id,
  name: t.name,
  kind: t.kind,
  relation: t.relation,
  strength: t.strength,
  valence: t.valence,
  note: t.note ?? '',
})
const blank = (): Draft => ({ key: nextKey++, name: '', kind: 'person', relation: 'friend', strength: 2, valence: 'supportive', note: '' })

const today = () => {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/**
 * A new snapshot starts from a copy of the latest one (`copyOf`), so that the worker and the
 * person go through who is still there and what changed; `snapshot` given → correct that one.
 */
export function NetworkEditor({
  accompanimentId,
  snapshot,
  copyOf,
  onClose,
  onSaved,
}: {
  accompanimentId: string
  snapshot: NetworkSnapshot | null
  copyOf: NetworkSnapshot | null
  onClose: () => void
  onSaved: (saved: NetworkSnapshot) => void
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const source = snapshot ?? copyOf
  const [takenOn, setTakenOn] = useState(snapshot?.takenOn ?? today())
  const [note, setNote] = useState(snapshot?.note ?? '')
  const [ties, setTies] = useState<Draft[]>(() => (source ? source.ties.map(draftOf) : [blank()]))
  const [local, setLocal] = useState<FieldIssue[]>([])
  const save = useSaveSnapshot(accompanimentId)
  const errors = useFieldErrors(save.error, local)
  const names = useRef(new Map<number, HTMLInputElement>())
  const addButton = useRef<HTMLButtonElement>(null)
  const focusKey = useRef<number | null>(null)

  // After adding a tie, the cursor goes to its name; after removing one, back to "Add a tie".
  useEffect(() => {
    if (focusKey.current === null) return
    const el = focusKey.current === -1 ? addButton.current : names.current.get(focusKey.current)
    el?.focus()
    focusKey.current = null
  }, [ties])

  const change = (key: number, patch: Partial<Draft>) => setTies((all) => all.map((d) => (d.key === key ? { ...d, ...patch } : d)))
  const add = () => {
    const d = blank()
    focusKey.current = d.key
    setTies((all) => [...all, d])
  }
  const remove = (key: number) => {
    focusKey.current = -1
    setTies((all) => all.filter((d) => d.key !== key))
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues: FieldIssue[] = [
      ...(takenOn ? [] : [{ field: 'takenOn', code: 'required' }]),
      ...ties.flatMap((d, i) => (d.name.trim() ? [] : [{ field: `ties.${i}.name`, code: 'required' }])),
    ]
    setLocal(issues)
    if (issues.length) focusFirstError(e.currentTarget as HTMLElement)
    if (issues.length) return
    save.mutate(
      {
        snapshot,
        body: {
          takenOn,
          note,
          ties: ties.map((d) => ({
            id: d.id,
            name: d.name,
            kind: d.kind,
            relation: d.relation,
            strength: d.strength,
            valence: d.valence,
            note: d.note,
          })),
        },
      },
      { onSuccess: (saved) => onSaved(saved) },
    )
  }

  const conflict = isApiError(save.error, 'version.mismatch')
  const problem = useRef<HTMLDivElement>(null)
  // The save button is at the bottom of a long form: bring a general error into view.
  useEffect(() => {
    if (save.error) problem.current?.scrollIntoView({ block: 'center' })
  }, [save.error])
  const title = snapshot ? t('network.editor.editTitle', { date: fmt.date(snapshot.takenOn) }) : t('network.editor.newTitle')
  const options = <T extends string | number>(values: readonly T[], prefix: string) =>
    values.map((v) => ({ value: String(v), label: t(`${prefix}.${v}`) }))

  return (
    <AppModal opened onClose={onClose} title={title} size="60rem">
      <form onSubmit={submit} noValidate data-testid="network-editor">
        <Stack gap="md">
          <div ref={problem}>
            {conflict ? (
              <Alert color="orange" role="alert" title={t('network.conflict.title')}>
                {t('network.conflict.body')}
              </Alert>
            ) : (
              <ErrorAlert error={save.error && !errors.any ? save.error : null} />
            )}
          </div>
          {!snapshot && copyOf ? (
            <Text size="sm" c="gray.7">
              {t('network.editor.copied', { date: fmt.date(copyOf.takenOn) })}
            </Text>
          ) : null}
          <Group align="flex-start" grow>
            <DateField
              label={t('network.editor.takenOn')}
              required
              value={takenOn}
              onChange={(v) => setTakenOn(v)}
              error={errors.of('takenOn')}
              maw={220}
            />
          </Group>
          <Textarea
            label={t('network.editor.note')}
            autosize
            minRows={2}
            maxRows={6}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.of('note')}
          />
          <Stack gap={2}>
            <Text fw={600}>{t('network.editor.ties', { count: ties.length })}</Text>
            <Text size="sm" c="gray.7">
              {t('network.editor.nameHelp')}
            </Text>
          </Stack>
          {ties.length === 0 ? <Text c="gray.7">{t('network.editor.noTies')}</Text> : null}
          {ties.map((d, i) => (
            <Fieldset
              key={d.key}
              legend={
                d.name.trim() ? t('network.editor.tieNamed', { n: i + 1, name: d.name.trim() }) : t('network.editor.tie', { n: i + 1 })
              }
              data-testid="tie-fields"
              variant="filled"
            >
              <Stack gap="xs">
                <Group align="flex-end" wrap="nowrap" gap="xs">
                  <TextInput
                    ref={(el) => {
                      if (el) names.current.set(d.key, el)
                      else names.current.delete(d.key)
                    }}
                    label={t('network.field.name')}
                    required
                    maxLength={120}
                    value={d.name}
                    onChange={(e) => change(d.key, { name: e.currentTarget.value })}
                    error={errors.of(`ties.${i}.name`)}
                    style={{ flex: 1 }}
                  />
                  <TextInput
                    label={t('network.field.note')}
                    maxLength={2000}
                    value={d.note}
                    onChange={(e) => change(d.key, { note: e.currentTarget.value })}
                    error={errors.of(`ties.${i}.note`)}
                    style={{ flex: 1.3 }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    mb={errors.of(`ties.${i}.name`) ? 22 : 2}
                    onClick={() => remove(d.key)}
                    aria-label={t('network.editor.remove', { name: d.name.trim() || t('network.editor.tie', { n: i + 1 }) })}
                  >
                    <IconTrash size={18} aria-hidden />
                  </ActionIcon>
                </Group>
                <SimpleGrid cols={{ base: 1, xs: 2, sm: 4 }} spacing="xs">
                  <NativeSelect
                    label={t('network.field.kind')}
                    data={options(TIE_KINDS, 'network.kind')}
                    value={d.kind}
                    onChange={(e) => change(d.key, { kind: e.currentTarget.value as TieKind })}
                    error={errors.of(`ties.${i}.kind`)}
                  />
                  <NativeSelect
                    label={t('network.field.relation')}
                    data={options(TIE_RELATIONS, 'network.relation')}
                    value={d.relation}
                    onChange={(e) => change(d.key, { relation: e.currentTarget.value as TieRelation })}
                    error={errors.of(`ties.${i}.relation`)}
                  />
                  <NativeSelect
                    label={t('network.field.strength')}
                    data={options(TIE_STRENGTHS, 'network.strength')}
                    value={String(d.strength)}
                    onChange={(e) => change(d.key, { strength: Number(e.currentTarget.value) })}
                    error={errors.of(`ties.${i}.strength`)}
                  />
                  <NativeSelect
                    label={t('network.field.valence')}
                    data={options(TIE_VALENCES, 'network.valence')}
                    value={d.valence}
                    onChange={(e) => change(d.key, { valence: e.currentTarget.value as TieValence })}
                    error={errors.of(`ties.${i}.valence`)}
                  />
                </SimpleGrid>
              </Stack>
            </Fieldset>
          ))}
          {errors.of('ties') && !ties.some((_, i) => errors.of(`ties.${i}`)) ? (
            <Text c="red.7" size="sm" role="alert">
              {errors.of('ties')}
            </Text>
          ) : null}
          <Group justify="space-between">
            <Button
              ref={addButton}
              variant="light"
              leftSection={<IconPlus size={18} aria-hidden />}
              onClick={add}
              disabled={ties.length >= MAX_TIES}
              data-testid="tie-add"
            >
              {t('network.editor.add')}
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} data-testid="network-save">
                {t('common.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </AppModal>
  )
}
