import { MongoServerError, type Db } from 'mongodb';
import { decodePageCursor, encodePageCursor } from '../../domain/shared/page-cursor.js';
import type { AudienceRepository, SavedAudience } from '../../domain/audiences/audience.js';
import { parseAudienceRule } from '../../domain/audiences/parse-audience-rule.js';
import { collectionNames } from './collections.js';
import { tryInsert, withStore } from './store-errors.js';
import { inTenant } from './tenant-filter.js';

/** Stored form of a saved audience; `_id` is its id, `nameKey` its lower-cased name (unique per tenant). */
export type AudienceDocument = Omit<SavedAudience, 'id'> & { _id: string; nameKey: string };

const nameKeyOf = (name: string) => name.toLowerCase();

function toDocument({ id, ...audience }: SavedAudience): AudienceDocument {
  return { _id: id, ...audience, nameKey: nameKeyOf(audience.name), createdBy: { ...audience.createdBy } };
}

function toAudience(document: AudienceDocument): SavedAudience {
  return {
    id: document._id,
    tenantId: document.tenantId,
    name: document.name,
    description: document.description ?? null,
    // Read through the grammar again: a document edited by hand cannot hand the evaluator a rule it does not know.
    rule: parseAudienceRule(document.rule),
    createdBy: { id: document.createdBy.id, displayName: document.createdBy.displayName },
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}

function decodeCursor(cursor: string): string {
  return decodePageCursor(cursor, ([nameKey, ...rest]) =>
    typeof nameKey === 'string' && rest.length === 0 ? nameKey : null,
  );
}

/**
 * A write refused by a unique index. MongoDB says 11000 for inserts and updates alike; FerretDB 1.24 on SQLite says
 * so for inserts but reports an update that breaks a unique index as an internal error naming SQLite's constraint.
 */
const isDuplicateKey = (error: unknown) =>
  error instanceof MongoServerError &&
  (error.code === 11000 || /UNIQUE constraint failed/.test(error.message));

/** Saved audiences on MongoDB/FerretDB; the unique index (tenantId, nameKey) decides name clashes. */
export function createAudienceRepository(db: Db): AudienceRepository {
  const audiences = db.collection<AudienceDocument>(collectionNames.audiences);
  return {
    insert: (audience) =>
      withStore(async () => ((await tryInsert(audiences, toDocument(audience))) ? 'inserted' : 'nameTaken')),

    findById: (scope, id) =>
      withStore(async () => {
        const document = await audiences.findOne(inTenant<AudienceDocument>(scope, { _id: id }));
        return document ? toAudience(document) : null;
      }),

    list: (scope, page) =>
      withStore(async () => {
        const filter = inTenant<AudienceDocument>(
          scope,
          page.cursor === null ? {} : { nameKey: { $gt: decodeCursor(page.cursor) } },
        );
        // One extra document tells whether another page follows.
        const documents = await audiences
          .find(filter)
          .sort({ nameKey: 1 })
          .limit(page.limit + 1)
          .toArray();
        const shown = documents.slice(0, page.limit);
        const last = shown.at(-1);
        return {
          audiences: shown.map(toAudience),
          nextCursor: documents.length > page.limit && last ? encodePageCursor([last.nameKey]) : null,
        };
      }),

    update: (scope, id, changes) =>
      withStore(async () => {
        const set: Partial<AudienceDocument> = { updatedAt: changes.updatedAt };
        if (changes.name !== undefined)
          Object.assign(set, { name: changes.name, nameKey: nameKeyOf(changes.name) });
        if (changes.description !== undefined) set.description = changes.description;
        if (changes.rule !== undefined) set.rule = changes.rule;
        try {
          const result = await audiences.updateOne(inTenant<AudienceDocument>(scope, { _id: id }), {
            $set: set,
          });
          return result.matchedCount === 0 ? 'notFound' : 'updated';
        } catch (error) {
          if (isDuplicateKey(error)) return 'nameTaken';
          throw error;
        }
      }),

    delete: (scope, id) =>
      withStore(
        async () =>
          (await audiences.deleteOne(inTenant<AudienceDocument>(scope, { _id: id }))).deletedCount === 1,
      ),
  };
}
