import { type FieldMetadata, getCollectionProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { ErrorList } from "~/components/ui/field";

/**
 * A group of checkboxes for one list-valued field (roles, branches). The
 * group is a fieldset whose legend names it; its error belongs to the group.
 * No `required` on the boxes: the browser would then demand every one of
 * them. "At least one" is checked by the schema, on the server too.
 */
export function CheckboxGroupField({
  meta,
  legend,
  options,
  hint,
  empty,
}: {
  meta: FieldMetadata<string[] | undefined, any, any>;
  legend: ReactNode;
  options: readonly { value: string; label: ReactNode }[];
  hint?: ReactNode;
  /** Shown instead of the list when there is nothing to choose. */
  empty?: ReactNode;
}) {
  const boxes = getCollectionProps(meta, { type: "checkbox", options: options.map((option) => option.value), ariaAttributes: false });
  const hintId = hint ? `${meta.id}-hint` : null;
  const describedBy = [hintId, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset id={meta.id} aria-describedby={describedBy} aria-invalid={meta.errors?.length ? true : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={hintId!} className="hint">
          {hint}
        </p>
      ) : null}
      {options.length === 0 && empty ? <p className="muted">{empty}</p> : null}
      <ul className="checkbox-list">
        {boxes.map(({ key, ...box }, index) => (
          <li key={key}>
            <label>
              <input {...box} key={key} /> {options[index]!.label}
            </label>
          </li>
        ))}
      </ul>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}
