import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  makeStyles,
  Option,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { ApiClient } from '../api-client.js';
import { ClauseRow, type EditRule } from './clause-row.js';
import { addChild, createClause, createGroup, removeNode, updateGroup, type GroupNode } from './rule-tree.js';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  nested: {
    padding: tokens.spacingHorizontalM,
    borderLeftWidth: tokens.strokeWidthThick,
    borderLeftStyle: 'solid',
    borderLeftColor: tokens.colorBrandStroke2,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  header: { display: 'flex', alignItems: 'end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const joins = [
  { value: 'all', label: 'all of these (AND)' },
  { value: 'any', label: 'any of these (OR)' },
] as const;

/** Groups nest at most this deep in the API's rule (docs/audiences.md). */
const maxDepth = 8;

/** What every row and group of the editor needs from the page. */
export interface EditorContext {
  api: ApiClient;
  edit: EditRule;
  /** Messages beside rows and groups, by node id: the API's 400, unfinished rows after a save, warnings. */
  errors: ReadonlyMap<string, string>;
  lookingUp: boolean;
  /** Moves focus to a row just added. */
  focusLater: (id: string) => void;
}

/** A group of rows joined by AND or OR, optionally negated, with its nested groups. */
export function GroupEditor({
  group,
  label,
  depth,
  context,
}: {
  group: GroupNode;
  label: string;
  depth: number;
  context: EditorContext;
}) {
  const styles = useStyles();
  const { edit, errors } = context;
  const root = depth === 1;
  const name = root ? 'Rule' : `Group ${label}`;
  const childLabel = (index: number) => (root ? `${index + 1}` : `${label}.${index + 1}`);
  const addRow = (kind: 'condition' | 'group') => {
    const row = createClause();
    const added = kind === 'condition' ? row : createGroup('any', [row]);
    edit((tree) => addChild(tree, group.id, added));
    context.focusLater(row.id);
  };
  const join = joins.find((candidate) => candidate.value === group.join)!;
  return (
    <div
      role="group"
      aria-label={name}
      className={root ? styles.group : `${styles.group} ${styles.nested}`}
      data-rule-node={group.id}
    >
      <div className={styles.header}>
        <Checkbox
          label={root ? 'Everyone except' : 'Not'}
          checked={group.negated}
          onChange={(_event, data) =>
            edit((tree) => updateGroup(tree, group.id, { negated: data.checked === true }))
          }
        />
        <Field label={root ? 'People who match' : `Group ${label} matches`}>
          <Dropdown
            value={join.label}
            selectedOptions={[group.join]}
            onOptionSelect={(_event, data) =>
              edit((tree) =>
                updateGroup(tree, group.id, { join: data.optionValue === 'any' ? 'any' : 'all' }),
              )
            }
          >
            {joins.map((candidate) => (
              <Option key={candidate.value} value={candidate.value}>
                {candidate.label}
              </Option>
            ))}
          </Dropdown>
        </Field>
        {!root && (
          <Button
            type="button"
            appearance="subtle"
            onClick={() => edit((tree) => removeNode(tree, group.id))}
          >
            Remove group {label}
          </Button>
        )}
      </div>
      {errors.get(group.id) && (
        <Text role="alert" className={styles.error}>
          {errors.get(group.id)}
        </Text>
      )}
      {group.children.map((child, index) =>
        child.kind === 'clause' ? (
          <ClauseRow
            key={child.id}
            api={context.api}
            clause={child}
            label={childLabel(index)}
            error={errors.get(child.id)}
            lookingUp={context.lookingUp}
            edit={edit}
            onAdded={context.focusLater}
          />
        ) : (
          <GroupEditor
            key={child.id}
            group={child}
            label={childLabel(index)}
            depth={depth + 1}
            context={context}
          />
        ),
      )}
      <div className={styles.actions}>
        <Button type="button" onClick={() => addRow('condition')}>
          {root ? 'Add condition' : `Add condition to group ${label}`}
        </Button>
        {depth < maxDepth - 1 && (
          <Button type="button" onClick={() => addRow('group')}>
            {root ? 'Add group' : `Add group to group ${label}`}
          </Button>
        )}
      </div>
    </div>
  );
}
