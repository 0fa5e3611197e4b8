import http from 'node:http'

export type LoadResult = { requests: number; seconds: number; rps: number; p50ms: number; p95ms: number; errors: number }

/**
 * A closed-loop load generator: `concurrency` keep-alive connections, each sending the next
 * request when the previous answer is read, for a fixed time. Bounded and loopback-only.
 */
export async function load(
  url: string,
  options: { seconds: number; concurrency: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency })
  const deadline = performance.now() + options.seconds * 1000
  const latencies: number[] = []
  let errors = 0
  const one = () =>
    new Promise<void>((resolve) => {
      const started = performance.now()
      const req = http.get(url, { agent, headers: options.headers }, (res) => {
        res.resume()
        res.on('end', () => {
          if (res.statusCode !== 200) errors++
          latencies.push(performance.now() - started)
          resolve()
        })
      })
      req.on('error', () => {
        errors++
        resolve()
      })
    })
  const started = performance.now()
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) await one()
    }),
  )
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  return { requests: latencies.length, seconds, rps: latencies.length / seconds, ...percentiles(latencies), errors }
}

export function percentiles(values: number[]): { p50ms: number; p95ms: number } {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
  return { p50ms: round(at(0.5)), p95ms: round(at(0.95)) }
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits
