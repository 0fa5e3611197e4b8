import { Text, Title } from '@mantine/core'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language } from '../../../../common/roles'
import { renderMarkdown } from '../../../../common/markdown'
import type { SheetVersionView } from './use-sheets'
import { makeFormat } from '../../i18n/formatters'

/** Markdown rendered safely (markdown.ts: no raw HTML, no script links, no images). */
export function MarkdownBody({ source, language, testId }: { source: string; language: Language; testId?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source])
  // biome-ignore lint: the HTML comes from markdown-it with raw HTML disabled.
  return <div className="sheet-body" lang={language} data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />
}

/** One version of a sheet's text, as readers and paper see it, in its own language. */
export function SheetArticle({ text, code, headingLevel = 2 }: { text: SheetVersionView; code: string; headingLevel?: 1 | 2 }) {
  const { t, i18n } = useTranslation()
  const tt = i18n.getFixedT(text.language)
  const date = text.publishedAt ? makeFormat(text.language).date(text.publishedAt) : null
  return (
    <article lang={text.language} className="sheet-article" aria-labelledby="sheet-article-title" data-testid="sheet-article">
      <Title order={headingLevel} id="sheet-article-title" size="h2" mb="md">
        {text.title}
      </Title>
      <MarkdownBody source={text.body} language={text.language} testId="sheet-body" />
      <Text size="sm" c="gray.7" mt="xl" className="sheet-footer">
        {tt('sheets.footer', { code, version: text.version, date: date ?? t('sheets.notPublished') })}
      </Text>
    </article>
  )
}
