/**
 * JSON in a text column, typed by what it holds. The schema declares `Json<T>` for such a column,
 * so that a write must go through `toJson` with a `T` and a read through `fromJson` gets a `T`
 * back: one declaration types both sides. Like every column type, it states what the server
 * writes there rather than checking it at each read.
 *
 * A pure helper, without any database: modules may import it (eslint.config.js).
 */
declare const holds: unique symbol
export type Json<T> = string & { readonly [holds]: T }

export function toJson<T>(value: T): Json<T> {
  return JSON.stringify(value) as Json<T>
}

export function fromJson<T>(text: Json<T>): T {
  return JSON.parse(text) as T
}
