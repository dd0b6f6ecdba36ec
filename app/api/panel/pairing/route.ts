import { clientAddress } from "@/lib/http/client-address";
import { created } from "@/lib/http/envelope";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { createPairingCode } from "@/lib/panel/service";

// ext pairing: no auth, rate-limited per client address.
export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  POST: route({ auth: "public" }, async ({ req }) => created(await createPairingCode(clientAddress(req)))),
});
