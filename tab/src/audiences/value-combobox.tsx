import { Caption1, Combobox, Field, Option } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { ApiClient } from '../api-client.js';
import type { FieldValue, SuggestedField } from '../api-types.js';
import { useLookup } from './use-lookup.js';
import { peopleCount, valueBeingTyped, withChosenValue } from './value-text.js';

/**
 * A value typed freely, with the directory's known values of the field as suggestions (with how many people have
 * each). With `list`, the text is comma-separated values and suggestions are for the one being typed.
 */
export function ValueCombobox({
  api,
  field,
  list,
  label,
  hint,
  text,
  error,
  className,
  onChange,
}: {
  api: ApiClient;
  field: SuggestedField;
  list: boolean;
  label: string;
  hint: string | undefined;
  text: string;
  error: string | undefined;
  className?: string;
  onChange: (text: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const find = useCallback(
    async (search: string) => (await api.listFieldValues(field, search, 20)).values,
    [api, field],
  );
  const lookup = useLookup<FieldValue>(valueBeingTyped(text, list), open, find);
  return (
    <Field label={label} hint={hint} validationMessage={error ?? lookup.error ?? undefined}>
      <Combobox
        className={className}
        freeform
        placeholder={list ? 'Type or choose values' : 'Type or choose a value'}
        maxLength={list ? 2000 : 200}
        value={text}
        open={open && lookup.results.length > 0}
        onOpenChange={(_event, data) => setOpen(data.open)}
        // Closed before its suggestions came, it stays closed: they would cover the rows below.
        onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}
        onBlur={() => setOpen(false)}
        selectedOptions={[]}
        onChange={(event) => {
          onChange(event.target.value);
          setOpen(true);
        }}
        onOptionSelect={(_event, data) => {
          if (data.optionValue !== undefined) onChange(withChosenValue(text, data.optionValue, list));
          setOpen(false);
        }}
      >
        {lookup.results.map((known) => (
          <Option key={known.value} value={known.value} text={known.value}>
            <div>
              <div>{known.value}</div>
              <Caption1>{peopleCount(known.people)}</Caption1>
            </div>
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}
