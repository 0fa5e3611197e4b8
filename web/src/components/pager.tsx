import { Group, Pagination, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/**
 * Page navigation for offset-paginated lists, with the visible range announced. `capped`: the
 * server counted `total` matches and stopped there, more match ("of more than 1,000").
 */
export function Pager({
  total,
  limit,
  offset,
  onOffset,
  capped = false,
}: {
  total: number
  limit: number
  offset: number
  onOffset: (o: number) => void
  capped?: boolean
}) {
  const { t } = useTranslation()
  const pages = Math.max(1, Math.ceil(total / limit))
  const page = Math.floor(offset / limit) + 1
  const from = total === 0 ? 0 : offset + 1
  const to = Math.min(total, offset + limit)
  return (
    <Group justify="space-between" wrap="wrap" gap="sm">
      <Text size="sm" c="gray.7" role="status" aria-live="polite">
        {t(capped ? 'pager.rangeCapped' : 'pager.range', { from, to, total })}
      </Text>
      {pages > 1 ? (
        <nav aria-label={t('pager.label')}>
          <Pagination
            total={pages}
            value={page}
            onChange={(p) => onOffset((p - 1) * limit)}
            withEdges
            size="sm"
            getControlProps={(control) => ({ 'aria-label': t(`pager.${control}`) })}
            getItemProps={(p) => ({ 'aria-label': t('pager.page', { page: p }), 'aria-current': p === page ? 'page' : undefined })}
          />
        </nav>
      ) : null}
    </Group>
  )
}
