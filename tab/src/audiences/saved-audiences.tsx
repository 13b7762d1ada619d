import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../api-client.js';
import type { AudienceView } from '../api-types.js';
import { ErrorBar } from '../shared/error-bar.js';
import { Loading } from '../shared/loading.js';
import type { SavedAudiences } from './use-saved-audiences.js';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  opened: { fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS },
});

type Pending = { rename: AudienceView } | { delete: AudienceView } | null;

function RenameDialog({
  api,
  audience,
  onDone,
}: {
  api: ApiClient;
  audience: AudienceView;
  onDone: (renamed: AudienceView | null) => void;
}) {
  const [name, setName] = useState(audience.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError('Enter a name.');
    setBusy(true);
    try {
      onDone(await api.updateAudience(audience.id, { name: name.trim() }));
    } catch (failure) {
      setError((failure as Error).message);
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <DialogBody>
        <DialogTitle>Rename “{audience.name}”</DialogTitle>
        <DialogContent>
          <Field label="New name" required validationMessage={error ?? undefined}>
            <Input value={name} maxLength={120} onChange={(_event, data) => setName(data.value)} />
          </Field>
        </DialogContent>
        <DialogActions>
          <Button type="submit" appearance="primary" disabled={busy}>
            Rename
          </Button>
          <Button type="button" onClick={() => onDone(null)}>
            Cancel
          </Button>
        </DialogActions>
      </DialogBody>
    </form>
  );
}

function DeleteDialog({
  api,
  audience,
  onDone,
}: {
  api: ApiClient;
  audience: AudienceView;
  onDone: (deleted: boolean) => void;
}) {
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await api.deleteAudience(audience.id);
      onDone(true);
    } catch (failure) {
      setError(failure as Error);
      setBusy(false);
    }
  };
  return (
    <DialogBody>
      <DialogTitle>Delete “{audience.name}”?</DialogTitle>
      <DialogContent>
        {error ? <ErrorBar error={error} /> : 'Nobody is told; the audience is simply gone from the list.'}
      </DialogContent>
      <DialogActions>
        <Button appearance="primary" disabled={busy} onClick={() => void remove()}>
          Delete
        </Button>
        <Button onClick={() => onDone(false)}>Cancel</Button>
      </DialogActions>
    </DialogBody>
  );
}

/** The saved audiences: open one into the editor, rename or delete it. */
export function SavedAudienceList({
  api,
  saved,
  openedId,
  onOpen,
  onRenamed,
  onDeleted,
}: {
  api: ApiClient;
  saved: SavedAudiences;
  openedId: string | null;
  onOpen: (audience: AudienceView) => void;
  onRenamed: (audience: AudienceView) => void;
  onDeleted: (id: string) => void;
}) {
  const styles = useStyles();
  const [pending, setPending] = useState<Pending>(null);
  return (
    <section aria-labelledby="saved-audiences-title">
      <Subtitle2 as="h2" id="saved-audiences-title">
        Saved audiences
      </Subtitle2>
      {saved.error && (
        <ErrorBar
          title="Campus could not list the saved audiences"
          error={saved.error}
          onRetry={saved.reload}
        />
      )}
      {saved.loading && saved.audiences.length === 0 && <Loading label="Loading audiences…" />}
      {!saved.loading && !saved.error && saved.audiences.length === 0 && <Text>None saved yet.</Text>}
      <ul className={styles.list} aria-label="Saved audiences">
        {saved.audiences.map((audience) => (
          <li key={audience.id} className={styles.item}>
            <Text className={audience.id === openedId ? styles.opened : undefined}>{audience.name}</Text>
            {audience.description && <Caption1>{audience.description}</Caption1>}
            <div className={styles.actions}>
              <Button size="small" aria-label={`Open ${audience.name}`} onClick={() => onOpen(audience)}>
                Open
              </Button>
              <Button
                size="small"
                appearance="subtle"
                aria-label={`Rename ${audience.name}`}
                onClick={() => setPending({ rename: audience })}
              >
                Rename
              </Button>
              <Button
                size="small"
                appearance="subtle"
                aria-label={`Delete ${audience.name}`}
                onClick={() => setPending({ delete: audience })}
              >
                Delete
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {saved.hasMore && (
        <Button appearance="subtle" disabled={saved.loading} onClick={saved.loadMore}>
          Show more
        </Button>
      )}
      <Dialog open={pending !== null} onOpenChange={(_event, data) => !data.open && setPending(null)}>
        <DialogSurface>
          {pending && 'rename' in pending && (
            <RenameDialog
              api={api}
              audience={pending.rename}
              onDone={(renamed) => {
                if (renamed) onRenamed(renamed);
                setPending(null);
              }}
            />
          )}
          {pending && 'delete' in pending && (
            <DeleteDialog
              api={api}
              audience={pending.delete}
              onDone={(deleted) => {
                if (deleted) onDeleted(pending.delete.id);
                setPending(null);
              }}
            />
          )}
        </DialogSurface>
      </Dialog>
    </section>
  );
}
