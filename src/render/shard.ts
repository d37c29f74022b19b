import { createHash } from "node:crypto";

/** One of `count` shares of a report's documents; `index` counts from 0 (a Kubernetes Indexed Job's index). */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The share a document belongs to, from its name alone: the same document always lands in the same share, whatever
 * else is printed and on whatever machine, so n jobs each printing their share write, together, exactly the files
 * one unsharded run writes.
 */
export function shardOf(name: string, count: number): number {
  return createHash("sha256").update(name).digest().readUInt32BE(0) % count;
}

export function inShard(name: string, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(name, shard.count) === shard.index;
}
