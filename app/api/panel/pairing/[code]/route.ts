import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { pairingPollQuery } from "@/lib/panel/schemas";
import { pollPairing } from "@/lib/panel/service";

// ext pairing poll: the poll secret stands in for authentication.
export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "public", query: pairingPollQuery }, ({ params, query }) => pollPairing(params.code, query.secret)),
});
