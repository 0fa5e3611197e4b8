import { Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LegalBasisView } from '../../../../common/contracts/exceptions.contracts'
import { LANGUAGES } from '../../../../common/roles'
import { api } from '../../api/client'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { ScrollTable } from '../../components/scroll-table'
import { isLanguage } from '../../i18n'
import { useLegalBases } from './use-exceptions'

/** The DPO's list of legal bases: shipped defaults are marked until edited. */
export function LegalBasesSection() {
  const { t, i18n } = useTranslation()
  const lang = isLanguage(i18n.language) ? i18n.language : 'fr'
  const bases = useLegalBases()
  const [editing, setEditing] = useState<LegalBasisView | null>(null)
  return (
    <Paper component="section" aria-labelledby="legal-bases" withBorder p="md" radius="md">
      <Title order={2} size="h4" id="legal-bases" mb="xs">
        {t('exceptions.bases.title')}
      </Title>
      <Text size="sm" c="gray.8" mb="md">
        {t('exceptions.bases.intro')}
      </Text>
      <ErrorAlert error={bases.error} />
      <ScrollTable label={t('exceptions.bases.tableLabel')} stack="fields">
        <Table verticalSpacing="xs" data-testid="legal-bases">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('exceptions.bases.label')}</Table.Th>
              <Table.Th scope="col">{t('exceptions.bases.reference')}</Table.Th>
              <Table.Th scope="col">{t('exceptions.bases.state')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {bases.data?.items.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Th scope="row" fw={500}>
                  {b.label[lang]}
                </Table.Th>
                <Table.Td>{b.reference}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {b.active ? null : (
                      <Badge component="span" color="gray" c="gray.8" variant="light" radius="sm">
                        {t('exceptions.bases.inactive')}
                      </Badge>
                    )}
                    {b.shippedDefault ? (
                      <Badge component="span" color="orange" variant="light" radius="sm">
                        {t('exceptions.bases.toCheck')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => setEditing(b)}
                    aria-label={t('exceptions.bases.editOne', { label: b.label[lang] })}
                  >
                    {t('common.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <AppModal opened={!!editing} onClose={() => setEditing(null)} title={t('exceptions.bases.editTitle')}>
        {editing ? <BasisForm basis={editing} onDone={() => setEditing(null)} /> : null}
      </AppModal>
    </Paper>
  )
}

function BasisForm({ basis, onDone }: { basis: LegalBasisView; onDone: () => void }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [d, setD] = useState({ label: basis.label, reference: basis.reference, active: basis.active })
  const save = useMutation({
    mutationFn: () =>
      api.put('/api/legal-bases/{basisId}', { path: { basisId: basis.id }, body: { code: basis.code, ...d }, ifMatch: basis.version }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['legal-bases'] })
      onDone()
    },
  })
  const errors = useFieldErrors(save.error)
  return (
    <Stack gap="sm">
      {LANGUAGES.map((l) => (
        <TextInput
          key={l}
          label={t('exceptions.bases.labelIn', { language: t(`duty.languages.${l}`) })}
          value={d.label[l]}
          onChange={(e) => {
            // Read now: React clears currentTarget before a state updater runs.
            const value = e.currentTarget.value
            setD((x) => ({ ...x, label: { ...x.label, [l]: value } }))
          }}
          error={errors.of(`label.${l}`)}
        />
      ))}
      <TextInput
        label={t('exceptions.bases.reference')}
        value={d.reference}
        onChange={(e) => {
          const value = e.currentTarget.value
          setD((x) => ({ ...x, reference: value }))
        }}
        error={errors.of('reference')}
      />
      <Checkbox
        label={t('exceptions.bases.active')}
        checked={d.active}
        onChange={(e) => {
          const checked = e.currentTarget.checked
          setD((x) => ({ ...x, active: checked }))
        }}
      />
      <ErrorAlert error={errors.any ? null : save.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  )
}
