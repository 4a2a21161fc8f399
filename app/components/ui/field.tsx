import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import type { ReactNode } from "react";

/**
 * Form fields that wire label, hint, error, aria-invalid and
 * aria-describedby together. Native constraints (required, maxLength,
 * type=email) come from the zod schema through Conform, so the browser
 * validates without JavaScript and the server validates again.
 */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}

function describedBy(meta: FieldMetadata<unknown>, hint?: ReactNode) {
  return [hint ? `${meta.id}-hint` : null, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(" ") || undefined;
}

type InputType = "text" | "email" | "password" | "date" | "number" | "url" | "tel" | "search";

export function Field({
  meta,
  label,
  type = "text",
  hint,
  autoComplete,
  inputProps,
}: {
  meta: FieldMetadata<string | number | Date | undefined>;
  label: ReactNode;
  type?: InputType;
  hint?: ReactNode;
  autoComplete?: string;
  inputProps?: Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "type">;
}) {
  const props = getInputProps(meta, { type, ariaAttributes: false });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        {...props}
        key={props.key}
        autoComplete={autoComplete}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(meta as FieldMetadata<unknown>, hint)}
        {...inputProps}
      />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextareaField({ meta, label, hint, rows = 4 }: { meta: FieldMetadata<string | undefined>; label: ReactNode; hint?: ReactNode; rows?: number }) {
  const props = getTextareaProps(meta, { ariaAttributes: false });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <textarea
        {...props}
        key={props.key}
        rows={rows}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(meta as FieldMetadata<unknown>, hint)}
      />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  options,
  hint,
  placeholder,
}: {
  meta: FieldMetadata<string | undefined>;
  label: ReactNode;
  options: readonly { value: string; label: string }[];
  hint?: ReactNode;
  placeholder?: string;
}) {
  const props = getSelectProps(meta, { ariaAttributes: false });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <select
        {...props}
        key={props.key}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(meta as FieldMetadata<unknown>, hint)}
      >
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** Errors that belong to the whole form (e.g. "Sign-in failed"). */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div id={id} className="form-errors" role="alert">
      {errors.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  );
}
