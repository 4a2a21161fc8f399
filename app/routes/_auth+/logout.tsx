import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { endSession } from "~/models/session.server";
import { clearSessionCookie, getUser, requestContext } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { assertSameOrigin } from "~/utils/request.server";

// Signing out changes data, so it is a POST (the header's form), never a GET.
export async function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await getUser(request);
  if (user) await endSession(user, requestContext(request));
  return redirectWithFlash(
    "/login",
    { kind: "info", message: "You have signed out." },
    { headers: { "Set-Cookie": await clearSessionCookie() } },
  );
}
