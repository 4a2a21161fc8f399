import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EngagementForm } from "~/components/engagement-form";
import { currentFinancialYear } from "~/domain/calendar-date";
import { RuleError } from "~/domain/errors";
import { EngagementSchema, PlanYearQuerySchema, shiftFinancialYear } from "~/forms/engagement";
import { createEngagement, engagementChoices } from "~/models/engagement.server";
import { actorOf } from "~/utils/actor.server";
import { requireUserWith } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { ruleReply } from "~/utils/form-replies.server";

export const meta: MetaFunction = () => [{ title: "Add an engagement — Aegis" }];

/** Years an engagement can be planned in: last year's (late additions), this year's and the next two. */
function planYearChoices(current: string, also?: string) {
  return [...new Set([shiftFinancialYear(current, -1), current, shiftFinancialYear(current, 1), shiftFinancialYear(current, 2), ...(also ? [also] : [])])].sort();
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "plan:manage");
  const query = parseWithZod(new URL(request.url).searchParams, { schema: PlanYearQuerySchema });
  const current = currentFinancialYear();
  const year = (query.status === "success" ? query.value.year : undefined) ?? current;
  const { units, auditors } = await engagementChoices(actorOf(user, request));
  return { year, choices: { planYears: planYearChoices(current, year), units, auditors } };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "plan:manage");
  const submission = parseWithZod(await request.formData(), { schema: EngagementSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const created = await createEngagement(actorOf(user, request), submission.value);
    return redirectWithFlash(`/plan?${new URLSearchParams({ year: created.planYear })}`, {
      kind: "success",
      message: `“${created.title}” is added to the ${created.planYear} plan.`,
    });
  } catch (error) {
    if (error instanceof RuleError) return data(ruleReply(submission, error), { status: 400 });
    throw error;
  }
}

export default function NewEngagement() {
  const { year, choices } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to={`/plan?${new URLSearchParams({ year })}`}>← Audit plan {year}</Link>
      </p>
      <h1>Add an engagement</h1>
      <EngagementForm
        id="new-engagement"
        schema={EngagementSchema}
        lastResult={lastResult}
        defaultValue={{ planYear: year, status: "PLANNED", auditorIds: [] }}
        choices={choices}
        submitLabel="Add to the plan"
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
