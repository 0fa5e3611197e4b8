import crypto from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../config'

/** A nonce per response lets Mantine's style elements in while inline scripts stay forbidden. */
export function newNonce(): string {
  return crypto.randomBytes(16).toString('base64')
}

export function securityHeaders(config: Config, request: FastifyRequest, reply: FastifyReply, nonce: string): void {
  reply.header(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      `style-src 'self' 'nonce-${nonce}'`,
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ].join('; '),
  )
  reply.header('X-Content-Type-Options', 'nosniff')
  reply.header('Referrer-Policy', 'no-referrer')
  reply.header('X-Frame-Options', 'DENY')
  reply.header('Cross-Origin-Opener-Policy', 'same-origin')
  reply.header('Cross-Origin-Resource-Policy', 'same-origin')
  reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()')
  if (request.protocol === 'https' || config.secureCookies) {
    reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
  }
  if (request.url.startsWith('/api')) reply.header('Cache-Control', 'no-store')
}
