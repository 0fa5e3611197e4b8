/**
 * The per-request CSP nonce, written into index.html by the server (`style-src 'self' 'nonce-…'`).
 * Mantine receives it through `getStyleNonce`; react-remove-scroll (used by Mantine's Modal and
 * Drawer) reads it through get-nonce, which falls back on the `__webpack_nonce__` global.
 */
function readNonce(): string {
  const content = document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? ''
  return content === '__CSP_NONCE__' ? '' : content
}

export const nonce = readNonce()

if (nonce) (globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = nonce
