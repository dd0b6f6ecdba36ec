-- Hand-written: door-tablet pairing (CONTRACT §4 pairing).
-- A code is unique among the codes that exist; expired ones are deleted before their code is handed out again
-- (the original answered 500 when a code came up twice). Only the poll secret's hash and the device token's hash
-- are ever stored: the token is made when the tablet collects it, so `pending_token` goes. `client_address`
-- counts the codes one address created lately (the rate limit works across server instances).
DELETE FROM "pairing_codes" a USING "pairing_codes" b WHERE a."code" = b."code" AND (a."created_at", a."id") < (b."created_at", b."id");--> statement-breakpoint
DROP INDEX IF EXISTS "pairing_codes_code_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "pairing_codes_code_key" ON "pairing_codes" USING btree ("code");--> statement-breakpoint
ALTER TABLE "pairing_codes" DROP COLUMN "pending_token";--> statement-breakpoint
ALTER TABLE "pairing_codes" ADD COLUMN "client_address" varchar(64) DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
CREATE INDEX "pairing_codes_client_created_idx" ON "pairing_codes" USING btree ("client_address","created_at");--> statement-breakpoint
CREATE INDEX "pairing_codes_expires_idx" ON "pairing_codes" USING btree ("expires_at");
