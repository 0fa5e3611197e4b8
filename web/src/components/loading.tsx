import { Center, Loader, Text, Group } from '@mantine/core'
import { useTranslation } from 'react-i18next'

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation()
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text c="gray.7">{label ?? t('common.loading')}</Text>
      </Group>
    </Center>
  )
}
