import fs from "node:fs";

// Command-line scripts read .env like Next.js does; real environment variables win.
for (const file of [".env.local", ".env"]) {
  if (fs.existsSync(file)) process.loadEnvFile(file);
}
