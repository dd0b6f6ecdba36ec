import { loginInput } from "@/lib/accounts/schemas";
import { login } from "@/lib/accounts/service";
import { clientAddress } from "@/lib/http/client-address";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  POST: route({ auth: "public", body: loginInput }, ({ req, body }) =>
    login(body.email, body.password, clientAddress(req)),
  ),
});
