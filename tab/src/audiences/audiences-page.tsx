import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, type ApiClient } from '../api-client.js';
import type { AudienceRule, AudienceView } from '../api-types.js';
import { ErrorBar } from '../shared/error-bar.js';
import { DiscardDialog } from './discard-dialog.js';
import { GroupEditor, type EditorContext } from './group-editor.js';
import { MembersDialog } from './members-dialog.js';
import { lookUpGroupNames } from './group-names.js';
import { lookUpNames } from './person-names.js';
import { PreviewPanel } from './preview-panel.js';
import { fromRule, toRule } from './rule-json.js';
import { nodeOfRuleError, ruleMessages } from './rule-messages.js';
import {
  createTree,
  unnamedGroups,
  unnamedPeople,
  withGroupNames,
  withNames,
  type GroupNode,
} from './rule-tree.js';
import { SavedAudienceList } from './saved-audiences.js';
import { useAudiencePreview } from './use-audience-preview.js';
import { useSavedAudiences } from './use-saved-audiences.js';

const useStyles = makeStyles({
  page: {
    display: 'grid',
    gap: tokens.spacingHorizontalXXL,
    alignItems: 'start',
    // The preview stays in view beside the rule while it is edited; narrow windows stack the three.
    gridTemplateColumns: 'minmax(150px, 200px) minmax(0, 1fr) minmax(240px, 280px)',
    '@media (max-width: 1100px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  preview: { position: 'sticky', top: 0 },
  editor: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  title: { marginRight: 'auto' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM },
});

/** A save that failed, with the rule it sent: a refusal of the rule only applies while that rule is on screen. */
interface SaveFailure {
  rule: string;
  error: Error;
}

const nameCodes = new Set(['CAMPUS_ERR_AUDIENCE_NAME_TAKEN']);

/** What saving would store, to tell whether there is anything to lose. */
function snapshotOf(name: string, description: string, rule: AudienceRule | null): string {
  return JSON.stringify({ name: name.trim(), description: description.trim(), rule });
}

/** Organizers say who should hear about a session, see how many and who, and keep the rule as a named audience. */
export function AudiencesPage({ api }: { api: ApiClient }) {
  const styles = useStyles();
  const saved = useSavedAudiences(api);
  const [tree, setTree] = useState<GroupNode>(createTree);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [opened, setOpened] = useState<AudienceView | null>(null);
  const [showUnfinished, setShowUnfinished] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [lookingUp, setLookingUp] = useState(false);
  const [openError, setOpenError] = useState<{ title: string; error: Error } | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const openCount = useRef(0);
  const [savedAs, setSavedAs] = useState(() => snapshotOf('', '', null));
  const [leaving, setLeaving] = useState<(() => void) | null>(null);

  const translation = useMemo(() => toRule(tree), [tree]);
  const ruleKey = JSON.stringify(translation.rule);
  const { answer, pending, current } = useAudiencePreview(api, translation.rule);
  const preview = current && answer && 'preview' in answer ? answer.preview : null;
  const failures = [
    ...(current && answer && 'error' in answer ? [answer.error] : []),
    ...(failure?.rule === ruleKey ? [failure.error] : []),
  ];
  const messages = ruleMessages({ translation, showUnfinished, failures, preview });
  const nameError =
    failure?.error instanceof ApiError &&
    (nameCodes.has(failure.error.code) || failure.error.field === '/name')
      ? failure.error.message
      : undefined;
  const dirty = snapshotOf(name, description, translation.rule) !== savedAs;
  /** Goes elsewhere at once when nothing would be lost, else once the organizer agrees. */
  const leave = (go: () => void) => (dirty ? setLeaving(() => go) : go());
  const saveFailedOtherwise = !nameError && failure !== null && !nodeOfRuleError(failure.error, translation);

  useEffect(() => {
    if (!focusId) return;
    document.querySelector<HTMLElement>(`[data-rule-node="${focusId}"] [role="combobox"]`)?.focus();
    setFocusId(null);
  }, [focusId, tree]);

  const context: EditorContext = {
    api,
    edit: (change) => {
      setTree(change);
      setNotice(null);
    },
    errors: messages,
    lookingUp,
    focusLater: setFocusId,
  };

  const load = (next: GroupNode, audience: AudienceView | null) => {
    openCount.current += 1;
    const opening = openCount.current;
    setTree(next);
    setSavedAs(snapshotOf(audience?.name ?? '', audience?.description ?? '', toRule(next).rule));
    setName(audience?.name ?? '');
    setDescription(audience?.description ?? '');
    setOpened(audience);
    setShowUnfinished(false);
    setFailure(null);
    setNotice(null);
    setOpenError(null);
    const ids = unnamedPeople(next);
    const groupIds = unnamedGroups(next);
    setLookingUp(ids.length > 0 || groupIds.length > 0);
    if (ids.length === 0 && groupIds.length === 0) return;
    const stillOpen = () => opening === openCount.current;
    const people = lookUpNames(api.previewAudience, ids).then(
      (names) => stillOpen() && setTree((edited) => withNames(edited, names)),
      (error: Error) =>
        stillOpen() &&
        setOpenError({ title: 'Campus could not look up the people this audience names', error }),
    );
    const groups = lookUpGroupNames(api.findGroups, groupIds).then(
      (names) => stillOpen() && setTree((edited) => withGroupNames(edited, names)),
      (error: Error) =>
        stillOpen() &&
        setOpenError({ title: 'Campus could not look up the groups this audience names', error }),
    );
    void Promise.all([people, groups]).finally(() => stillOpen() && setLookingUp(false));
  };

  const open = (audience: AudienceView) => {
    try {
      load(fromRule(audience.rule), audience);
    } catch (error) {
      setOpenError({ title: `Campus could not open “${audience.name}”`, error: error as Error });
    }
  };

  const save = async (asNew: boolean) => {
    setShowUnfinished(true);
    setNotice(null);
    const unfinished = [...translation.incomplete.keys()][0];
    if (unfinished) return setFocusId(unfinished);
    if (!translation.rule) return;
    if (!name.trim()) {
      setFailure({
        rule: ruleKey,
        error: new ApiError(400, 'CAMPUS_ERR_VALIDATION', 'Enter a name.', { field: '/name' }),
      });
      return document.querySelector<HTMLElement>('[name="audience-name"]')?.focus();
    }
    setSaving(true);
    setFailure(null);
    const body = { name: name.trim(), description: description.trim() || null, rule: translation.rule };
    try {
      const result =
        opened && !asNew ? await api.updateAudience(opened.id, body) : await api.createAudience(body);
      saved.upsert(result);
      setOpened(result);
      setSavedAs(snapshotOf(result.name, result.description ?? '', body.rule));
      setNotice(`Saved “${result.name}”.`);
    } catch (error) {
      setFailure({ rule: ruleKey, error: error as Error });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className={styles.page}>
      <SavedAudienceList
        api={api}
        saved={saved}
        openedId={opened?.id ?? null}
        onOpen={(audience) => leave(() => open(audience))}
        onRenamed={(renamed) => {
          saved.upsert(renamed);
          if (renamed.id === opened?.id) {
            setOpened(renamed);
            setName(renamed.name);
            if (!dirty) setSavedAs(snapshotOf(renamed.name, description, translation.rule));
          }
        }}
        onDeleted={(id) => {
          saved.remove(id);
          if (id === opened?.id) load(createTree(), null);
        }}
      />
      <div className={styles.editor}>
        <div className={styles.header}>
          <Subtitle2 as="h2" className={styles.title}>
            {opened ? `Audience “${opened.name}”` : 'New audience'}
          </Subtitle2>
          <Button onClick={() => leave(() => load(createTree(), null))}>New audience</Button>
        </div>
        <DiscardDialog
          open={leaving !== null}
          what={opened ? `“${opened.name}”` : 'this new audience'}
          onDiscard={() => {
            leaving?.();
            setLeaving(null);
          }}
          onKeep={() => setLeaving(null)}
        />
        {notice && (
          <MessageBar intent="success">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        {openError && <ErrorBar title={openError.title} error={openError.error} />}
        {failure && saveFailedOtherwise && (
          <ErrorBar title="The audience was not saved" error={failure.error} />
        )}
        <Field label="Name" required validationMessage={nameError}>
          <Input
            name="audience-name"
            value={name}
            maxLength={120}
            onChange={(_event, data) => setName(data.value)}
          />
        </Field>
        <Field label="Description" hint="Optional: who this is and why.">
          <Textarea
            value={description}
            maxLength={1000}
            rows={2}
            onChange={(_event, data) => setDescription(data.value)}
          />
        </Field>
        <GroupEditor group={tree} label="" depth={1} context={context} />
        <div className={styles.actions}>
          <Button
            appearance="primary"
            disabled={saving}
            icon={saving ? <Spinner size="tiny" /> : undefined}
            onClick={() => void save(false)}
          >
            {opened ? 'Save changes' : 'Save audience'}
          </Button>
          {opened && (
            <Button disabled={saving} onClick={() => void save(true)}>
              Save as new audience
            </Button>
          )}
          {opened && <MembersDialog key={opened.updatedAt} api={api} audience={opened} />}
        </div>
      </div>
      <div className={styles.preview}>
        <PreviewPanel
          answer={answer}
          pending={pending}
          unfinished={translation.incomplete.size}
          ruleError={failures.some((error) => nodeOfRuleError(error, translation) !== null)}
        />
      </div>
    </div>
  );
}
