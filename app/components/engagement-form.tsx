import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { z } from "zod";
import { CheckboxGroupField } from "~/components/ui/checkbox-group";
import { Field, FormErrors, SelectField } from "~/components/ui/field";
import { AUDIT_TYPES, AUDIT_TYPE_LABELS, ENGAGEMENT_STATUSES, ENGAGEMENT_STATUS_LABELS } from "~/domain/observation";
import type { EditEngagementSchema, EngagementSchema } from "~/forms/engagement";

type Schema = typeof EngagementSchema | typeof EditEngagementSchema;
export type EngagementFormValues = {
  title?: string;
  planYear?: string;
  orgUnitId?: string;
  auditType?: string;
  periodStart?: string;
  periodEnd?: string;
  status?: string;
  auditorIds?: string[];
};

export interface EngagementFormChoices {
  planYears: string[];
  units: { id: string; code: string; name: string; active: boolean }[];
  auditors: { id: string; name: string; email: string; status: string }[];
}

/** An engagement of the audit plan: shared by adding and editing one. */
export function EngagementForm({
  id,
  schema,
  lastResult,
  defaultValue,
  choices,
  submitLabel,
  hidden,
}: {
  id: string;
  schema: Schema;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: EngagementFormValues;
  choices: EngagementFormChoices;
  submitLabel: string;
  hidden?: ReactNode;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof EngagementSchema>, z.output<typeof EngagementSchema>>({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    // The edit schema adds only `version`, a hidden input here.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema as typeof EngagementSchema }),
  });
  const saving = navigation.state === "submitting" && navigation.formMethod?.toUpperCase() === "POST";
  return (
    <Form method="post" {...getFormProps(form)} className="stack narrow">
      <FormErrors id={form.errorId} errors={form.errors} />
      {hidden}
      <Field meta={fields.title} label="Title" hint="e.g. “Kothrud Branch — concurrent audit, Q1”." />
      <SelectField
        meta={fields.planYear}
        label="Plan year"
        hint="The financial year (April to March) whose plan this audit belongs to."
        options={choices.planYears.map((year) => ({ value: year, label: year }))}
      />
      <SelectField
        meta={fields.orgUnitId}
        label="Branch or department"
        placeholder="Choose the branch or department"
        options={choices.units.map((unit) => ({ value: unit.id, label: `${unit.name} (${unit.code})${unit.active ? "" : " — inactive"}` }))}
      />
      <SelectField
        meta={fields.auditType}
        label="Type of audit"
        placeholder="Choose the type of audit"
        options={AUDIT_TYPES.map((type) => ({ value: type, label: AUDIT_TYPE_LABELS[type] }))}
      />
      <Field meta={fields.periodStart} label="Period from" type="date" />
      <Field meta={fields.periodEnd} label="Period to" type="date" hint="On or after the start of the period." />
      <SelectField
        meta={fields.status}
        label="Status"
        options={ENGAGEMENT_STATUSES.map((status) => ({ value: status, label: ENGAGEMENT_STATUS_LABELS[status] }))}
      />
      <CheckboxGroupField
        meta={fields.auditorIds}
        legend="Assigned auditors"
        hint="People holding the auditor role."
        empty="Nobody holds the auditor role yet: your administrator can invite auditors."
        options={choices.auditors.map((person) => ({
          value: person.id,
          label: `${person.name}${person.status === "ACTIVE" ? "" : " (deactivated)"}`,
        }))}
      />
      <button type="submit" disabled={saving}>
        {saving ? "Saving…" : submitLabel}
      </button>
    </Form>
  );
}
