import type { Db } from 'mongodb';

/** Names the store product for the log: FerretDB answers buildInfo with its own version beside the MongoDB one it emulates. */
export async function describeStore(db: Db): Promise<string> {
  const info = await db.admin().command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === 'string'
    ? `FerretDB ${info.ferretdbVersion}`
    : `MongoDB ${String(info.version)}`;
}
