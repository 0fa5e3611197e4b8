import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './markdown'

describe('sheet Markdown', () => {
  it('renders headings, lists and emphasis', () => {
    const html = renderMarkdown('## Ce qui aide\n- **Garder le contact**\n- écouter')
    expect(html).toContain('<h2>Ce qui aide</h2>')
    expect(html).toContain('<li><strong>Garder le contact</strong></li>')
  })

  it('shows raw HTML as text, never as markup', () => {
    const html = renderMarkdown('Avant <script>alert(1)</script> <img src=x onerror="alert(2)"> <a href="javascript:alert(3)">x</a>')
    expect(html).not.toMatch(/<script|<img|<a /i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('refuses script and data links, however they are spelt', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      '&#106;avascript:alert(1)',
      'java%0ascript:alert(1)',
      'vbscript:x',
      'data:text/html;base64,PHNjcmlwdD4=',
    ]) {
      const html = renderMarkdown(`[cliquez](${href}) ![img](${href})`)
      expect(html, href).not.toMatch(/href="\s*(javascript|vbscript|data|&#)/i)
      expect(html, href).not.toMatch(/<img/i)
    }
    expect(renderMarkdown('[site](https://example.be/aide)')).toContain('<a href="https://example.be/aide">site</a>')
  })
})
