import { refreshInput } from "@/lib/accounts/schemas";
import { logout } from "@/lib/accounts/service";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  POST: route({ auth: "public", body: refreshInput }, ({ body }) => logout(body.refresh)),
});
