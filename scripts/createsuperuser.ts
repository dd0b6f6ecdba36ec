import "./load-env";
import readline from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { closeDb } from "@/db/client";
import { createSuperuser } from "@/lib/accounts/service";
import { DomainError } from "@/lib/errors";

/**
 * `npm run createsuperuser -- --email a@example.com --name "Ada" --password '…'`, like Django's:
 * flags first, then CT_SUPERUSER_* variables, then prompts for what is still missing when run in a terminal.
 */
async function main() {
  const { values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" } },
  });
  let email = values.email ?? process.env.CT_SUPERUSER_EMAIL;
  let name = values.name ?? process.env.CT_SUPERUSER_NAME;
  let password = values.password ?? process.env.CT_SUPERUSER_PASSWORD;

  if (!email || !name || !password) {
    if (!process.stdin.isTTY) {
      const missing = [!email && "--email", !name && "--name", !password && "--password"].filter(Boolean).join(", ");
      throw new Error(`Missing ${missing} (or CT_SUPERUSER_EMAIL / CT_SUPERUSER_NAME / CT_SUPERUSER_PASSWORD).`);
    }
    email ??= await ask("Email: ");
    name ??= await ask("Name: ");
    if (!password) {
      password = await ask("Password: ", true);
      const again = await ask("Password (again): ", true);
      if (password !== again) throw new Error("Error: Your passwords didn't match.");
    }
  }

  const user = await createSuperuser({ email: email.trim(), name: name.trim(), password });
  console.log(`Superuser created: ${user.name} <${user.email}>`);
}

function ask(question: string, hidden = false): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stdout.write("\n");
      resolve(answer);
    });
    muted = hidden;
  });
}

main()
  .then(() => closeDb())
  .catch(async (err) => {
    const message = err instanceof DomainError ? `Error: ${err.message}` : err instanceof Error ? err.message : String(err);
    console.error(message);
    await closeDb().catch(() => {});
    process.exit(1);
  });
