import { NotFound } from "@/lib/errors";
import { corsHeaders } from "@/lib/http/cors";
import { errorResponse } from "@/lib/http/envelope";

// CONTRACT §0: an unknown path under /api is a JSON 404, never an HTML page.
async function notFound(req: Request): Promise<Response> {
  return errorResponse(new NotFound(`No such endpoint: ${new URL(req.url).pathname}`), corsHeaders(req));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as OPTIONS };
