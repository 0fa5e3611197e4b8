import { Alert, Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api, type ResponseOf } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'

type Preferences = ResponseOf<'/api/me/notification-preferences', 'get'>
type Item = Preferences['items'][number]

const KEY = ['me', 'notification-preferences']

/**
 * How the user hears of each event (issue 12): two check boxes per event, saved together. The
 * form keeps its own copy, so that a refetch in the background does not undo unsaved choices.
 */
export function NotificationPreferencesSection() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const query = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get('/api/me/notification-preferences', { signal }) })
  const [items, setItems] = useState<Item[] | null>(null)
  const save = useMutation({
    mutationFn: (body: Item[]) => api.put('/api/me/notification-preferences', { body: { items: body } }),
    onSuccess: (data) => {
      client.setQueryData(KEY, data)
      setItems(data.items)
    },
  })
  useEffect(() => {
    if (query.data && items === null) setItems(query.data.items)
  }, [query.data, items])

  if (query.error) return <ErrorAlert error={query.error} />
  if (!query.data || !items) return <Loading />

  const change = (event: Item['event'], field: 'inApp' | 'email', value: boolean) => {
    save.reset()
    setItems(items.map((i) => (i.event === event ? { ...i, [field]: value } : i)))
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate(items)
  }

  return (
    <form onSubmit={submit} data-testid="notification-preferences">
      <Stack gap="md">
        <Text>{t('accountSettings.notificationsIntro')}</Text>
        {query.data.emailAvailable ? null : (
          <Text size="sm" c="gray.7">
            {t('accountSettings.noEmail')}
          </Text>
        )}
        <Table verticalSpacing="xs" horizontalSpacing={6} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('accountSettings.event')}</Table.Th>
              <Table.Th scope="col" ta="center" w={76}>
                {t('accountSettings.inApp')}
              </Table.Th>
              <Table.Th scope="col" ta="center" w={76}>
                {t('accountSettings.byEmail')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => {
              const event = t(`accountSettings.events.${item.event}`)
              return (
                <Table.Tr key={item.event}>
                  {/* "Een partnerschapscharter…": a word wider than a phone's column breaks, hyphenated where the browser can. */}
                  <Table.Th scope="row" fw={400} className="hyphenate">
                    {event}
                  </Table.Th>
                  <Table.Td>
                    <Group justify="center">
                      <Checkbox
                        aria-label={t('accountSettings.inAppFor', { event })}
                        checked={item.inApp}
                        onChange={(e) => change(item.event, 'inApp', e.currentTarget.checked)}
                        data-testid={`pref-${item.event}-inApp`}
                      />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group justify="center">
                      <Checkbox
                        aria-label={t('accountSettings.byEmailFor', { event })}
                        checked={item.email}
                        onChange={(e) => change(item.event, 'email', e.currentTarget.checked)}
                        data-testid={`pref-${item.event}-email`}
                      />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
        <ErrorAlert error={save.error} />
        <div className="live-region" aria-live="polite">
          {save.isSuccess ? (
            <Alert color="green" variant="light" role="status">
              {t('accountSettings.preferencesSaved')}
            </Alert>
          ) : null}
        </div>
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="save-preferences">
            {t('accountSettings.savePreferences')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
