-- Issue 10 point 9: access tokens are revoked at once, without a database read per request. Every user has a
-- token version; access and refresh tokens carry the version they were issued under and are refused once it has
-- moved. Demotion, deactivation and a new password move it here, in the database, whatever code makes the change
-- (logout moves it in lib/accounts). Every change is announced on channel `user_tokens`, which each server process
-- LISTENs to, to keep its copy of (version, role, active) per user current (lib/auth/revocation.ts).
ALTER TABLE "users" ADD COLUMN "token_version" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE FUNCTION "users_revoke_tokens"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.role IS DISTINCT FROM OLD.role
     OR NEW.password_hash IS DISTINCT FROM OLD.password_hash
     OR (OLD.active AND NOT NEW.active) THEN
    NEW.token_version := greatest(NEW.token_version, OLD.token_version + 1);
  END IF;
  -- A new password or a deactivation also ends every session: no refresh token of the user works any more.
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash OR (OLD.active AND NOT NEW.active) THEN
    UPDATE refresh_token_families SET revoked_at = now(), revoked_reason = 'credentials'
      WHERE user_id = NEW.id AND revoked_at IS NULL;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "users_revoke_tokens" BEFORE UPDATE ON "users" FOR EACH ROW EXECUTE FUNCTION "users_revoke_tokens"();
--> statement-breakpoint
CREATE FUNCTION "users_announce_tokens"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('user_tokens', json_build_object('id', OLD.id, 'deleted', true)::text);
  ELSIF TG_OP = 'INSERT'
     OR NEW.token_version IS DISTINCT FROM OLD.token_version
     OR NEW.role IS DISTINCT FROM OLD.role
     OR NEW.active IS DISTINCT FROM OLD.active THEN
    PERFORM pg_notify('user_tokens', json_build_object(
      'id', NEW.id, 'version', NEW.token_version, 'role', NEW.role, 'active', NEW.active AND NOT NEW.is_system)::text);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "users_announce_tokens" AFTER INSERT OR UPDATE OR DELETE ON "users" FOR EACH ROW EXECUTE FUNCTION "users_announce_tokens"();
