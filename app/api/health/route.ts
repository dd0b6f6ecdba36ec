import { checkHealth } from "@/lib/health/service";
import { json } from "@/lib/http/envelope";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  // A load balancer's probe: no caller to resolve.
  GET: route({ auth: "none" }, async () => {
    const health = await checkHealth();
    if (health.database === "ok") return health;
    return json({ success: false, message: "The database is unreachable", code: "service_unavailable", data: health }, 503);
  }),
});
