import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** A message as the SMTP server received it, its subject and text body decoded. */
export type Received = { to: string[]; raw: string; subject: string; body: string }

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / ?B?) in a header. */
const qBytes = (text: string) =>
  Buffer.from(
    text.replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8')

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?[^?]+\?([QqBb])\?([^?]*)\?=/g, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qBytes(text.replace(/_/g, ' ')),
    )
}

function decodeBody(headers: string, body: string): string {
  const enc = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase()
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (enc === 'quoted-printable') {
    return qBytes(body.replace(/=\r?\n/g, ''))
  }
  return Buffer.from(body, 'latin1').toString('utf8')
}

export function parseMessage(raw: string, to: string[]): Received {
  const split = raw.indexOf('\r\n\r\n')
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ')
  const subject = decodeWords(/^subject:\s*(.*)$/im.exec(headers)?.[1] ?? '')
  return { to, raw, subject, body: decodeBody(headers, raw.slice(split + 4)) }
}

/**
 * A real SMTP server in this process, on 127.0.0.1 (port 0: any free one, or the one given), that
 * keeps what it receives. No TLS, no authentication: the sender speaks plain SMTP to it.
 */
export async function startSmtp(port = 0): Promise<{ port: number; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = []
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((a) => a.address)
        received.push(parseMessage(Buffer.concat(chunks).toString('latin1'), to))
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const address = server.server.address() as AddressInfo
  return { port: address.port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}
