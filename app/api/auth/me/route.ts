import { getCurrentUser } from "@/lib/accounts/service";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "user" }, ({ principal }) => getCurrentUser(principal)),
});
