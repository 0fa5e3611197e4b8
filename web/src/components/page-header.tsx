import { Group, Stack, Text, Title } from '@mantine/core'
import { useEffect, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

let firstPage = true

/**
 * The one `h1` of a page. It sets the document title and, after an in-app navigation, moves the
 * focus to the heading so that screen-reader users hear where they arrived.
 */
export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  const { t } = useTranslation()
  const ref = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`
  }, [title, t])

  useEffect(() => {
    if (firstPage) {
      firstPage = false
      return
    }
    ref.current?.focus()
  }, [])

  return (
    <Group justify="space-between" align="flex-start" mb="lg" wrap="wrap" gap="md">
      <Stack gap={4}>
        <Title order={1} ref={ref} tabIndex={-1} className="page-title">
          {title}
        </Title>
        {description ? (
          <Text c="gray.7" maw={720}>
            {description}
          </Text>
        ) : null}
      </Stack>
      {actions ? <Group gap="sm">{actions}</Group> : null}
    </Group>
  )
}
