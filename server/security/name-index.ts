import crypto from 'node:crypto'
import { joinedQueryKeys, nameKeys, queryKeyGroups } from './name-keys'

/**
 * Keyed hashes of name keys: the database can match them, but without the key nobody can
 * test a guessed name against it (a plain hash of "mohamed" would be found in a second).
 */
export class NameIndex {
  constructor(private readonly key: Buffer) {}

  hash(k: string): string {
    return crypto.createHmac('sha256', this.key).update(k).digest('base64url').slice(0, 22)
  }

  personKeys(names: { firstName: string; lastName: string; otherNames: string[] }): string[] {
    const keys = new Set<string>()
    for (const part of [names.firstName, names.lastName, ...names.otherNames]) {
      for (const k of nameKeys(part)) keys.add(this.hash(k))
    }
    return [...keys]
  }

  /** Each inner list: the hashes one query word may match. */
  queryGroups(query: string): string[][] {
    return queryKeyGroups(query).map((g) => g.map((k) => this.hash(k)))
  }

  joinedQuery(query: string): string[] | null {
    return joinedQueryKeys(query)?.map((k) => this.hash(k)) ?? null
  }
}
