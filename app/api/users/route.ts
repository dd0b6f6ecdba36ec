import { createUserInput, listUsersQuery } from "@/lib/accounts/schemas";
import { createUser, listUsers } from "@/lib/accounts/service";
import { created } from "@/lib/http/envelope";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "admin", query: listUsersQuery }, ({ query }) => listUsers(query.search)),
  POST: route({ auth: "admin", body: createUserInput }, async ({ body }) => created(await createUser(body))),
});
