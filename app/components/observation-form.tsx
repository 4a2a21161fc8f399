import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { z } from "zod";
import { Field, FormErrors, SelectField, TextareaField } from "~/components/ui/field";
import { SEVERITIES } from "~/domain/lifecycle";
import { AUDIT_AREAS, AUDIT_AREA_LABELS, RISK_CATEGORIES, RISK_CATEGORY_LABELS, SEVERITY_LABELS } from "~/domain/observation";
import { type DraftObservationSchema, type EditObservationSchema, MAX_TAGS } from "~/forms/observation";

type Schema = typeof DraftObservationSchema | typeof EditObservationSchema;
export type ObservationFormValues = Partial<Record<keyof z.input<typeof EditObservationSchema>, string>>;

export interface ObservationFormChoices {
  planYear: string;
  units: { id: string; code: string; name: string }[];
  engagements: { id: string; title: string; planYear: string; orgUnit: { code: string } }[];
}

const SEVERITY_HINTS = "Your own assessment. A confirmed repeat finding escalates it automatically.";

/**
 * The observation in the "5C" form auditors write in, and how it is
 * classified: shared by drafting and editing. Works without JavaScript; with
 * it, the same schema checks each field as the auditor leaves it.
 */
export function ObservationForm({
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
  defaultValue?: ObservationFormValues;
  choices: ObservationFormChoices;
  submitLabel: string;
  /** Hidden inputs the form carries (the version being edited). */
  hidden?: ReactNode;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof DraftObservationSchema>, z.output<typeof DraftObservationSchema>>({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    // The edit schema is the draft schema plus `version`, which is a hidden
    // input here: the fields this form renders are the draft's.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema as typeof DraftObservationSchema }),
  });
  const saving = navigation.state === "submitting" && navigation.formMethod?.toUpperCase() === "POST";
  return (
    <Form method="post" {...getFormProps(form)} className="stack observation-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      {hidden}
      <fieldset>
        <legend>The finding</legend>
        <Field meta={fields.title} label="Title" hint="One line that names the finding, e.g. “KYC not updated for high-risk accounts”." />
        <TextareaField meta={fields.condition} label="Condition" hint="What was found: facts, figures, sample." rows={5} />
        <TextareaField meta={fields.criteria} label="Criteria" hint="The rule, circular or bank policy that applies." />
        <TextareaField meta={fields.cause} label="Cause" hint="Why it happened." />
        <TextareaField meta={fields.effect} label="Effect" hint="The risk or impact for the bank." />
        <TextareaField meta={fields.recommendation} label="Recommendation" hint="What should be done, and by whom." />
      </fieldset>
      <fieldset>
        <legend>Classification</legend>
        <SelectField
          meta={fields.assessedSeverity}
          label="Severity"
          hint={SEVERITY_HINTS}
          placeholder="Choose the severity"
          options={SEVERITIES.map((severity) => ({ value: severity, label: SEVERITY_LABELS[severity] }))}
        />
        <SelectField
          meta={fields.orgUnitId}
          label="Branch or department"
          placeholder="Choose the branch or department"
          options={choices.units.map((unit) => ({ value: unit.id, label: `${unit.name} (${unit.code})` }))}
        />
        <SelectField
          meta={fields.auditArea}
          label="Audit area"
          placeholder="Choose the audit area"
          options={AUDIT_AREAS.map((area) => ({ value: area, label: AUDIT_AREA_LABELS[area] }))}
        />
        <SelectField
          meta={fields.riskCategory}
          label="Risk category"
          placeholder="Choose the risk category"
          options={RISK_CATEGORIES.map((risk) => ({ value: risk, label: RISK_CATEGORY_LABELS[risk] }))}
        />
        <Field
          meta={fields.rbiReferences}
          label="RBI requirement references"
          hint="Optional: circulars or Master Direction paragraphs, e.g. “MD on KYC 2016, para 38”."
        />
        <Field meta={fields.tags} label="Tags" hint={`Optional: up to ${MAX_TAGS}, separated by commas, e.g. “re-KYC, high-risk”.`} />
        <SelectField
          meta={fields.engagementId}
          label="Engagement"
          hint={`Optional: the audit of the ${choices.planYear} plan this finding comes from.`}
          placeholder="Not part of a planned engagement"
          options={choices.engagements.map((engagement) => ({
            value: engagement.id,
            label: `${engagement.title} (${engagement.orgUnit.code}${engagement.planYear === choices.planYear ? "" : `, ${engagement.planYear}`})`,
          }))}
        />
        <Field meta={fields.proposedDueDate} label="Proposed due date" type="date" hint="Optional: when the branch should comply. The manager sets the final date on issue." />
      </fieldset>
      <button type="submit" disabled={saving}>
        {saving ? "Saving…" : submitLabel}
      </button>
    </Form>
  );
}
