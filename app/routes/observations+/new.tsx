import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ObservationForm } from "~/components/observation-form";
import { RuleError } from "~/domain/errors";
import { observationRef } from "~/domain/observation";
import { DraftObservationSchema } from "~/forms/observation";
import { createDraft, observationFormChoices } from "~/models/observation.server";
import { actorOf } from "~/utils/actor.server";
import { requireUserWith } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { ruleReply } from "~/utils/form-replies.server";

export const meta: MetaFunction = () => [{ title: "New observation — Aegis" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "observation:create");
  const choices = await observationFormChoices(actorOf(user, request));
  // "Record an observation" from an engagement's page starts filed under it.
  const fromEngagement = choices.engagements.find((engagement) => engagement.id === new URL(request.url).searchParams.get("engagement"));
  return {
    choices,
    defaultValue: fromEngagement ? { engagementId: fromEngagement.id, orgUnitId: fromEngagement.orgUnitId } : {},
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "observation:create");
  const submission = parseWithZod(await request.formData(), { schema: DraftObservationSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const created = await createDraft(actorOf(user, request), submission.value);
    return redirectWithFlash(`/observations/${created.id}`, {
      kind: "success",
      message: `${observationRef(created.number)} is saved as a draft. Submit it for review when it is ready.`,
    });
  } catch (error) {
    if (error instanceof RuleError) return data(ruleReply(submission, error), { status: 400 });
    throw error;
  }
}

export default function NewObservation() {
  const { choices, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to="/observations">← Findings</Link>
      </p>
      <h1>New observation</h1>
      <p className="lead">
        Write the finding as condition, criteria, cause, effect and recommendation. It stays a draft, visible to the audit
        team, until you submit it for review.
      </p>
      <ObservationForm
        id="new-observation"
        schema={DraftObservationSchema}
        lastResult={lastResult}
        defaultValue={defaultValue}
        choices={choices}
        submitLabel="Save draft"
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
