import { Button, Paper, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PageHeader } from '../../components/page-header'

/**
 * A missing page, a record that does not exist and a record the user may not open look the same:
 * the answer reveals nothing about what exists.
 */
export function NotFoundPage({ backTo = '/', backLabel }: { backTo?: string; backLabel?: string }) {
  const { t } = useTranslation()
  return (
    <Stack maw={640}>
      <PageHeader title={t('notFound.title')} />
      <Paper>
        <Stack gap="md" align="flex-start">
          <Text>{t('notFound.body')}</Text>
          <Text c="gray.7" size="sm">
            {t('notFound.hint')}
          </Text>
          <Button component={Link} to={backTo} variant="light">
            {backLabel ?? t('notFound.back')}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  )
}
