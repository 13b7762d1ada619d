import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  Tag,
  TagGroup,
  tokens,
} from '@fluentui/react-components';
import type { ApiClient } from '../api-client.js';
import type { SuggestedField } from '../api-types.js';
import { PersonPicker } from '../shared/person-picker.js';
import { GroupPicker } from './group-picker.js';
import {
  addAlternative,
  clauseFields,
  createClause,
  fieldSpecs,
  removeNode,
  setField,
  updateClause,
  type ClauseNode,
  type GroupNode,
  type PersonRef,
} from './rule-tree.js';
import { ValueCombobox } from './value-combobox.js';

/** Fields whose known values the API suggests (GET /api/audiences/values/{field}). */
const suggestedFields: ReadonlySet<string> = new Set<SuggestedField>([
  'department',
  'jobTitle',
  'officeLocation',
  'city',
  'country',
  'employeeType',
]);

const useStyles = makeStyles({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    alignItems: 'start',
  },
  choice: { flex: '1 1 110px', minWidth: '110px' },
  value: { flex: '3 1 160px', minWidth: '160px' },
  // Fluent's dropdown asks for 250px; in a row of four it takes its share instead.
  dropdown: { minWidth: 0, width: '100%' },
  not: { paddingTop: tokens.spacingVerticalXL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, paddingTop: tokens.spacingVerticalXL },
  people: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

/** Changes the page's tree; every control edits through it. */
export type EditRule = (change: (root: GroupNode) => GroupNode) => void;

/** What the row shows for a person: the name, or why there is none. */
function personLabel(person: PersonRef, lookingUp: boolean): string {
  if (person.displayName) return person.displayName;
  return lookingUp ? 'Looking up…' : `Not in the directory (${person.id})`;
}

/** What a row and its value editor are given. */
interface RowProps {
  api: ApiClient;
  clause: ClauseNode;
  /** The row's place, e.g. "2" or "3.1", read out with every control. */
  label: string;
  error: string | undefined;
  lookingUp: boolean;
  edit: EditRule;
}

function ValueEditor({ api, clause, label, error, lookingUp, edit }: RowProps) {
  const styles = useStyles();
  const setPeople = (people: PersonRef[]) => edit((root) => updateClause(root, clause.id, { people }));
  const spec = fieldSpecs[clause.field];
  if (spec.input === 'person') {
    const manager = clause.people[0];
    return (
      <PersonPicker
        key={manager?.id ?? 'none'}
        api={api}
        label="Person"
        value={manager ? { id: manager.id, displayName: personLabel(manager, lookingUp) } : null}
        error={error}
        onChange={(person) => setPeople(person ? [person] : [])}
      />
    );
  }
  if (spec.input === 'people') {
    return (
      <div className={styles.people}>
        <PersonPicker
          api={api}
          label="Add a person"
          value={null}
          error={error}
          clearOnPick
          onChange={(person) => {
            if (person && !clause.people.some((known) => known.id === person.id))
              setPeople([...clause.people, person]);
          }}
        />
        {clause.people.length > 0 && (
          <TagGroup
            aria-label={`People in condition ${label}`}
            onDismiss={(_event, data) =>
              setPeople(clause.people.filter((person) => person.id !== data.value))
            }
          >
            {clause.people.map((person) => (
              <Tag key={person.id} value={person.id} dismissible dismissIcon={{ 'aria-label': 'Remove' }}>
                {personLabel(person, lookingUp)}
              </Tag>
            ))}
          </TagGroup>
        )}
      </div>
    );
  }
  if (spec.input === 'group') {
    return (
      <GroupPicker
        api={api}
        className={styles.dropdown}
        value={clause.text ? { id: clause.text, displayName: clause.groupName } : null}
        lookingUp={lookingUp}
        error={error}
        onChange={(group) =>
          edit((root) =>
            updateClause(root, clause.id, { text: group?.id ?? '', groupName: group?.displayName ?? null }),
          )
        }
      />
    );
  }
  const setText = (text: string) => edit((root) => updateClause(root, clause.id, { text }));
  const hint = spec.input === 'values' ? 'Separate values with commas.' : undefined;
  if (suggestedFields.has(clause.field)) {
    return (
      <ValueCombobox
        api={api}
        className={styles.dropdown}
        field={clause.field as SuggestedField}
        list={spec.input === 'values'}
        label="Value"
        hint={hint}
        text={clause.text}
        error={error}
        onChange={setText}
      />
    );
  }
  return (
    <Field label="Value" hint={hint} validationMessage={error}>
      <Input
        className={styles.dropdown}
        value={clause.text}
        maxLength={200}
        onChange={(_event, data) => setText(data.value)}
      />
    </Field>
  );
}

/** One condition: NOT, field, operator, value, and "or …" / remove. */
export function ClauseRow({
  onAdded,
  ...row
}: RowProps & {
  /** Called with the id of a row "or …" added, so the page can move focus to it. */
  onAdded: (id: string) => void;
}) {
  const styles = useStyles();
  const { clause, label, edit } = row;
  const spec = fieldSpecs[clause.field];
  const operator =
    spec.operators.find((candidate) => candidate.value === clause.operator) ?? spec.operators[0]!;
  return (
    <div role="group" aria-label={`Condition ${label}`} className={styles.row} data-rule-node={clause.id}>
      <Checkbox
        className={styles.not}
        label="Not"
        checked={clause.negated}
        onChange={(_event, data) =>
          edit((root) => updateClause(root, clause.id, { negated: data.checked === true }))
        }
      />
      <Field label="Field" className={styles.choice}>
        <Dropdown
          className={styles.dropdown}
          value={spec.label}
          selectedOptions={[clause.field]}
          onOptionSelect={(_event, data) =>
            edit((root) => setField(root, clause.id, data.optionValue as ClauseNode['field']))
          }
        >
          {clauseFields.map((field) => (
            <Option key={field} value={field}>
              {fieldSpecs[field].label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Operator" className={styles.choice}>
        <Dropdown
          className={styles.dropdown}
          value={operator.label}
          selectedOptions={[operator.value]}
          onOptionSelect={(_event, data) =>
            edit((root) => updateClause(root, clause.id, { operator: data.optionValue ?? operator.value }))
          }
        >
          {spec.operators.map((candidate) => (
            <Option key={candidate.value} value={candidate.value}>
              {candidate.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <div className={styles.value}>
        <ValueEditor {...row} />
      </div>
      <div className={styles.actions}>
        <Button
          type="button"
          size="small"
          aria-label={`Or: add an alternative to condition ${label}`}
          onClick={() => {
            // The new row offers the same field: "office is London, or …" usually goes on with another office.
            const added = createClause(clause.field);
            edit((root) => addAlternative(root, clause.id, added));
            onAdded(added.id);
          }}
        >
          Or…
        </Button>
        <Button
          type="button"
          size="small"
          appearance="subtle"
          aria-label={`Remove condition ${label}`}
          onClick={() => edit((root) => removeNode(root, clause.id))}
        >
          Remove
        </Button>
      </div>
    </div>
  );
}
