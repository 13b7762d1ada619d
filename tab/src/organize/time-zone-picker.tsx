import { Combobox, Field, Option } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';

/** Every IANA zone this browser knows, with `preferred` (the browser's own, maybe an alias) guaranteed in the list. */
function knownTimeZones(preferred: string): string[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  zones.add(preferred);
  return [...zones].sort();
}

/** A searchable list of time zones; typing filters, e.g. "york" or "new york". */
export function TimeZonePicker({
  name,
  value,
  error,
  onChange,
}: {
  name: string;
  value: string;
  error: string | undefined;
  onChange: (timeZone: string) => void;
}) {
  const zones = useMemo(() => knownTimeZones(value), [value]);
  const [query, setQuery] = useState(value);
  // The chosen zone is the truth; the text follows it whenever it changes.
  useEffect(() => setQuery(value), [value]);
  const needle = query.trim().toLowerCase().replace(/\s+/g, '_');
  const matches = query === value ? zones : zones.filter((zone) => zone.toLowerCase().includes(needle));
  return (
    <Field label="Time zone" required validationMessage={error} hint="Start and end are in this zone.">
      <Combobox
        name={name}
        value={query}
        selectedOptions={[value]}
        onChange={(event) => setQuery(event.target.value)}
        onOptionSelect={(_event, data) => {
          if (!data.optionValue) return;
          setQuery(data.optionValue);
          onChange(data.optionValue);
        }}
        // Leaving the box with half-typed text puts the chosen zone back.
        onOpenChange={(_event, data) => !data.open && setQuery(value)}
      >
        {matches.map((zone) => (
          <Option key={zone} value={zone}>
            {zone}
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}
