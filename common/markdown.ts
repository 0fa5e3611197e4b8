import MarkdownIt from 'markdown-it'

/**
 * Sheets are written in Markdown by staff and shown to callers and the public. Raw HTML is off
 * (`html: false`: a `<script>` is shown as text), and markdown-it's link check refuses
 * `javascript:`, `vbscript:`, `file:` and `data:` URLs (they stay text). Images are off too: a
 * sheet read by a caller never fetches anything from elsewhere, and it prints the same.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false }).disable('image')

export function renderMarkdown(source: string): string {
  return md.render(source)
}
