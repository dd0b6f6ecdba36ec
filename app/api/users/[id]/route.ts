import { updateUserInput } from "@/lib/accounts/schemas";
import { updateUser } from "@/lib/accounts/service";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  PATCH: route({ auth: "admin", body: updateUserInput }, ({ principal, params, body }) =>
    updateUser(principal, params.id, body),
  ),
});
