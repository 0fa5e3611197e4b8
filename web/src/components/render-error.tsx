import { Button, Stack, Text, Title } from '@mantine/core'
import { Component, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * A screen that failed to render (a fault, or a page's chunk that no longer exists after an
 * upgrade) is replaced by a short notice and a way to reload, not by a blank page. The layouts
 * pass the address as `resetKey`, so that going elsewhere tries again (a `key` would remount the
 * page's Suspense boundary at each navigation and show the loader instead of the current page).
 */
export class RenderErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError() {
    return { failed: true }
  }

  override componentDidUpdate(previous: { resetKey?: string }) {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) this.setState({ failed: false })
  }

  override render() {
    return this.state.failed ? <RenderErrorNotice /> : this.props.children
  }
}

function RenderErrorNotice() {
  const { t } = useTranslation()
  return (
    <Stack role="alert" gap="sm" p="md" maw={560}>
      {/* It stands in for the page, so it is the page's heading. */}
      <Title order={1} size="h3">
        {t('errors.title')}
      </Title>
      <Text size="sm">{t('errors.unexpected')}</Text>
      <Button variant="default" w="fit-content" onClick={() => window.location.reload()}>
        {t('errors.reload')}
      </Button>
    </Stack>
  )
}
