import type { ReactNode } from 'react';

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

interface Props {
  readonly label: string;
  readonly value: string;
  readonly options: readonly SelectOption[];
  readonly onChange: (value: string) => void;
  readonly testId: string;
  /** The label above the select, as in a form; beside it (the default) suits a toolbar. */
  readonly stacked?: boolean;
  /** What is wrong with the chosen value, shown under the select (a form's own markup). */
  readonly error?: ReactNode;
}

/** A select with its visible label, which is also its accessible name. */
export function SelectField({ label, value, options, onChange, testId, stacked, error }: Props) {
  return (
    <label className={stacked ? 'field' : 'inline-field'}>
      <span className="field__label">{label}</span>
      <select className="select" data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error}
    </label>
  );
}
